package org.medledger.besunetwork;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code besu-network <command>}. Exit codes: 0 done, 1 failed at the node, 2 refused (usage). */
@Command(name = "besu-network", mixinStandardHelpOptions = true, version = "MedLedger besu-network 0.1.0",
        description = "Generates and operates the MedLedger hospitals' Besu QBFT/IBFT 2.0 network.",
        subcommands = {GenerateCommand.class, KeygenCommand.class, StatusCommand.class, ProposeValidatorCommand.class,
                DiscardVoteCommand.class, DeployContractsCommand.class,
                MemberCommand.class})
public final class BesuNetworkCli {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_REFUSED = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new BesuNetworkCli())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return e instanceof IllegalArgumentException || e instanceof NetworkDirectoryNotEmptyException
                            ? EXIT_REFUSED : EXIT_FAILED;
                })
                .execute(args);
    }
}

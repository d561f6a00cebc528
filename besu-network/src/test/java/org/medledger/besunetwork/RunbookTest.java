package org.medledger.besunetwork;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Keeps RUNBOOK.md true: every CLI command and option it tells an operator to type exists. */
class RunbookTest {

    private static final Pattern INVOCATION = Pattern.compile(
            "besu-network(?:/besu-network)? ((?:[a-z][a-z-]+)(?: [a-z][a-z-]+)?)((?: (?:--[a-z0-9-]+|<[^>]*>|\\S+))*)");

    @Test
    void everyCommandAndOptionTheRunbookNamesExists() throws IOException {
        String runbook = Files.readString(Path.of("RUNBOOK.md"));
        CommandLine cli = new CommandLine(new BesuNetworkCli());
        List<String> checked = new ArrayList<>();
        for (String line : runbook.replace("\\\n", " ").split("\n")) {
            Matcher m = INVOCATION.matcher(line);
            while (m.find()) {
                String[] words = m.group(1).split(" ");
                CommandLine command = cli.getSubcommands().get(words[0]);
                if (command == null) {
                    continue; // prose such as "besu-network status" is checked below only when it names a command
                }
                if (words.length > 1 && !command.getSubcommands().isEmpty()) {
                    command = command.getSubcommands().get(words[1]);
                    assertTrue(command != null, "RUNBOOK names an unknown subcommand: " + m.group());
                }
                Matcher option = Pattern.compile("--[a-z0-9-]+").matcher(m.group(2));
                while (option.find()) {
                    assertTrue(command.getCommandSpec().findOption(option.group()) != null,
                            "RUNBOOK uses " + option.group() + " which `" + m.group(1) + "` does not have");
                }
                checked.add(m.group(1));
            }
        }
        for (String required : List.of("generate", "status", "deploy-contracts", "keygen", "member propose-add",
                "member vote", "member propose-node-change", "propose-validator")) {
            assertTrue(checked.contains(required), "RUNBOOK shows how to run " + required + ": " + checked);
        }
        assertFalse(checked.isEmpty());
    }
}

package org.medledger.application;

/** At least 12 characters with a letter and a digit: long passphrases beat composition rules. */
final class PasswordPolicy {

    private PasswordPolicy() {
    }

    static void check(String password) {
        if (password == null || password.length() < 12
                || password.chars().noneMatch(Character::isLetter)
                || password.chars().noneMatch(Character::isDigit)) {
            throw new InvalidRecordException("A password needs at least 12 characters, including a letter and a digit");
        }
    }
}

package dev.dbtstateoss.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: {@code --help} and {@code --version} (inherited {@code @Command} attributes),
 * and its own picocli spec, through which it prints ({@code spec.commandLine().getOut()}).
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
abstract class Verb {
    @Spec CommandSpec spec;
}

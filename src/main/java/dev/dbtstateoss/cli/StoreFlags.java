package dev.dbtstateoss.cli;

import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * A mixin whose store flags are generated, one {@link StoreSide} at a time, from {@link StoreSetting}: picocli
 * annotations cannot give one declaration two prefixes, so the subclass is also the command's model
 * transformer ({@code @Command(modelTransformer = ...)} on the subclass is applied to the command using
 * it), which adds the options. A command takes one such mixin (picocli keeps one transformer per command).
 */
abstract class StoreFlags implements IModelTransformer {
    /** The command using this mixin, whose parsed options {@link StoreSide#spec} reads. */
    @Spec(Spec.Target.MIXEE) CommandSpec command;

    /** The sides whose flags this mixin adds. */
    abstract List<StoreSide> sides();

    @Override
    public final CommandSpec transform(CommandSpec spec) {
        // The store's flags come first in the help, as they did when they were declared by annotations.
        List<OptionSpec> others = List.copyOf(spec.options());
        others.forEach(spec::remove);
        for (StoreSide side : sides()) {
            side.addTo(spec);
        }
        others.forEach(spec::addOption);
        return spec;
    }
}

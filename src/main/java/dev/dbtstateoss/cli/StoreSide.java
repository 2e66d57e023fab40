package dev.dbtstateoss.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One side of a command that opens a store (serve's and inspect's store, migrate-store's source or
 * destination, replay's): which backends it takes and its defaults. Its flags are generated from the one
 * table, {@link StoreSetting}, under the side's prefix; {@link #spec} reads them back into a {@link StoreSpec}.
 *
 * @param flags the spelling: prefix, backend flag, whether the environment is read
 * @param kinds the backends this side may open
 * @param kindDefault the backend when none is given, or null when the backend flag is required
 * @param kindDescription the backend flag's help
 * @param defaults settings' defaults on this side
 * @param descriptions help texts that differ on this side from the table's
 * @param attemptTimeout how long one S3/Azure request may take
 * @param retryBudget how long one S3/Azure call may keep retrying
 */
record StoreSide(StoreSpec.Flags flags, Set<StoreKind> kinds, String kindDefault, String kindDescription,
        Map<StoreSetting, String> defaults, Map<StoreSetting, String> descriptions, Duration attemptTimeout,
        Duration retryBudget) {

    /** The variable naming the backend on a side that reads the environment. */
    static final String KIND_VARIABLE = "STATE_STORE";

    /** The settings this side offers: those of its backends, in the table's order. */
    List<StoreSetting> settings() {
        return Arrays.stream(StoreSetting.values()).filter(s -> s.kinds.stream().anyMatch(kinds::contains)).toList();
    }

    /** Adds this side's options to a command. */
    void addTo(CommandSpec command) {
        command.addOption(OptionSpec.builder(flags.kindFlag()).paramLabel("KIND").type(String.class)
                .required(kindDefault == null).description(kindDescription).build());
        for (StoreSetting s : settings()) {
            OptionSpec.Builder b = OptionSpec.builder(flags.of(s)).paramLabel(s.paramLabel)
                    .description(description(s));
            if (s == StoreSetting.PATH_STYLE) {
                b.type(Boolean.class).arity("0..1").fallbackValue("true");
            } else {
                b.type(s == StoreSetting.DIR ? Path.class : String.class);
            }
            command.addOption(b.build());
        }
    }

    private String description(StoreSetting s) {
        String text = s.tag() + " " + descriptions.getOrDefault(s, s.description);
        if (defaults.containsKey(s)) {
            text += " Default: " + defaults.get(s) + ".";
        }
        return flags.environment() ? text + " Env: " + String.join(" or ", s.variables()) + "." : text;
    }

    /** The spec the command's parsed flags give, with variables read from {@code env} where this side reads them. */
    StoreSpec spec(CommandSpec command, Map<String, String> env) {
        String kindWord = first(value(command, flags.kindFlag()), flags.environment() ? env.get(KIND_VARIABLE) : null,
                kindDefault);
        StoreKind kind = StoreKind.named(kindWord).filter(kinds::contains).orElseThrow(() -> unknown(kindWord));
        Map<StoreSetting, String> values = new EnumMap<>(StoreSetting.class);
        for (StoreSetting s : settings()) {
            String v = resolve(s, kind, value(command, flags.of(s)), env);
            if (v != null) {
                values.put(s, v);
            }
        }
        return new StoreSpec(kind, values, flags, attemptTimeout, retryBudget);
    }

    private ExitCodes.UserInputException unknown(String word) {
        if (StoreKind.named(word).isPresent()) {
            return new ExitCodes.UserInputException(flags.kindFlag() + " " + word + ": this command runs on "
                    + StoreKind.choices(kinds));
        }
        return new ExitCodes.UserInputException(flags.kindFlag() + ": unknown backend '" + word + "'; choose "
                + StoreKind.choices(kinds) + (flags.environment() ? " (or set " + KIND_VARIABLE + ")" : ""));
    }

    /** The flag if given, else the first variable set, else the default (blank values skipped where the table says). */
    private String resolve(StoreSetting s, StoreKind kind, String flag, Map<String, String> env) {
        List<String> variables = flags.environment() ? s.env.getOrDefault(kind, List.of()) : List.of();
        if (s.blankFallsThrough) {
            if (!StoreSpec.blank(flag)) {
                return flag.strip();
            }
            for (String variable : variables) {
                if (!StoreSpec.blank(env.get(variable))) {
                    return env.get(variable).strip();
                }
            }
            return defaults.get(s);
        }
        if (flag != null) {
            return flag;
        }
        for (String variable : variables) {
            if (env.get(variable) != null) {
                return env.get(variable);
            }
        }
        return defaults.get(s);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String value(CommandSpec command, String flag) {
        Object v = command.findOption(flag).getValue();
        return v == null ? null : v.toString();
    }
}

package dev.dbtstateoss.bench;

import java.nio.file.Path;

/** The benchmark's flags. */
record BenchOptions(boolean help, boolean preloadOnly, Path repo, Path work, Path pythonVenv, Path preloadDir, int streams, long warmupMs,
        long measureMs, long records, int models, double changeFraction, long serverWarmupMs) {

    static final String USAGE = """
            usage: scripts/bench [--quick] [--seconds N] [--warmup N] [--server-warmup N] [--streams N] [--records N]
                                 [--models N] [--change-fraction F] [--python-venv DIR | --no-python] [--preload-dir DIR] [--work DIR]
              --seconds N          measured seconds per phase (default 20; --quick: 3)
              --warmup N           warm-up seconds per phase, not measured (default 5; --quick: 1)
              --server-warmup N    seconds of the mix each of our server processes answers first, not measured, while
                                   the JVM compiles its hot code (default 20; --quick: 1)
              --streams N          concurrent clients, closed loop (default 8)
              --records N          confirmed runs preloaded into the history phase's store (default 1000000; --quick: 20000)
              --models N           distinct targets in the replayed project (default 200)
              --change-fraction F  share of requests with a changed input or SQL, executed and confirmed (default 0.1)
              --python-venv DIR    the Python dbt-state-oss 0.1.1 virtualenv (scripts/bench makes it)
              --no-python          skip the Python server (vs_python is then NaN)
              --preload-dir DIR    keep the preloaded store in DIR and reuse it on the next run with the same --records
              --preload-only       only fill --preload-dir (for a later run), then stop
              --work DIR           keep stores and server logs in DIR (default: a temporary directory, deleted)
            The last line is: vs_python=R vs_floor=R p99_ms=MS p99_ms_1m=MS skip_vs_floor=R skip_p99_ms_1m=MS
              exec_p99_vs_fsync=R bytes_per_run=B files_per_run=F retention_growth=R skip_p99_ms_1m_one_stream=MS
              exec_p99_vs_fsync_one_stream=R""";

    static BenchOptions parse(String[] args) {
        boolean help = false;
        boolean quick = false;
        boolean noPython = false;
        boolean preloadOnly = false;
        Path repo = Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();
        Path work = null;
        Path venv = null;
        Path preload = null;
        Integer streams = null;
        Long warmup = null;
        Long serverWarmup = null;
        Long seconds = null;
        Long records = null;
        Integer models = null;
        Double change = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> help = true;
                case "--quick" -> quick = true;
                case "--no-python" -> noPython = true;
                case "--preload-only" -> preloadOnly = true;
                case "--repo" -> repo = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--work" -> work = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--python-venv" -> venv = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--preload-dir" -> preload = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--streams" -> streams = (int) number(args, ++i, a, 1, 256);
                case "--warmup" -> warmup = number(args, ++i, a, 0, 3600);
                case "--server-warmup" -> serverWarmup = number(args, ++i, a, 0, 3600);
                case "--seconds" -> seconds = number(args, ++i, a, 1, 3600);
                case "--records" -> records = number(args, ++i, a, 0, 100_000_000);
                case "--models" -> models = (int) number(args, ++i, a, 1, 100_000);
                case "--change-fraction" -> {
                    try {
                        change = Double.parseDouble(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(a + ": not a number");
                    }
                    if (change < 0 || change > 1) {
                        throw new IllegalArgumentException(a + " " + change + ": must be between 0 and 1");
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (preloadOnly && preload == null) {
            throw new IllegalArgumentException("--preload-only needs --preload-dir DIR");
        }
        if (venv == null && !noPython && !help && !preloadOnly) {
            String env = System.getenv("DBTSTATE_BENCH_PYTHON_VENV");
            if (env == null || env.isEmpty()) {
                throw new IllegalArgumentException("--python-venv DIR or --no-python is required");
            }
            venv = Path.of(env);
        }
        return new BenchOptions(help, preloadOnly, repo, work, noPython ? null : venv, preload,
                streams != null ? streams : 8,
                1000 * (warmup != null ? warmup : quick ? 1 : 5),
                1000 * (seconds != null ? seconds : quick ? 3 : 20),
                records != null ? records : quick ? 20_000 : 1_000_000,
                models != null ? models : 200,
                change != null ? change : 0.1,
                1000 * (serverWarmup != null ? serverWarmup : quick ? 1 : 20));
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static long number(String[] args, int i, String flag, long min, long max) {
        try {
            long v = Long.parseLong(value(args, i, flag).replace("_", ""));
            if (v < min || v > max) {
                throw new IllegalArgumentException(flag + " " + v + ": must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " " + args[i] + ": not a whole number");
        }
    }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8 -XDsuppressNotes
// The load generator of scripts/bench. It reuses the server's sources (for the generated protocol
// classes and, to preload a history, the store classes) but is never part of the server.
//SOURCES ../../../DbtStateOss.java
//SOURCES dev/dbtstateoss/bench/*.java

/** Entry point of scripts/bench (see dev.dbtstateoss.bench.BenchRun). */
public class Bench {
    public static void main(String[] args) throws Exception {
        System.exit(dev.dbtstateoss.bench.BenchRun.run(args, System.out));
    }
}

package dev.dbtstateoss.bench;

import com.fivetran.query_cache.ConfirmExecutionRequest;
import com.fivetran.query_cache.ExecutionGrpc;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One dbt client's traffic over the targets it owns (target i belongs to stream i mod streams, so a
 * target's requests are never concurrent and their expected outcome is known): mostly the unchanged
 * request, which should be skipped; sometimes a changed one (an input rebuilt, or the other version
 * of the SQL), which should be executed and is then confirmed with the target's new timestamp.
 */
final class DecisionStream implements Load.Stream {
    /** A target's state as this client knows it. */
    private static final class Target {
        final Project.Model model;
        final long[] inputs;
        long stamp;
        int variant;
        /** The request for the current state, built once per state (the client's cost is not the server's). */
        SubmitEnrichedSQLRequest request;

        SubmitEnrichedSQLRequest request() {
            if (request == null) {
                request = Project.request(model, variant, inputs, stamp);
            }
            return request;
        }

        Target(Project.Model model, long baseMs) {
            this.model = model;
            this.inputs = new long[model.inputs().size()];
            java.util.Arrays.fill(inputs, baseMs - 7_200_000L);
            this.stamp = baseMs - 3_600_000L;
        }
    }

    private final List<Target> targets = new ArrayList<>();
    private final SQLGrpc.SQLBlockingStub sql;
    private final ExecutionGrpc.ExecutionBlockingStub execution;
    private final Random rnd;
    private final double changeFraction;
    private final Load.Counts counts = new Load.Counts();
    private char lastKind;

    DecisionStream(Channel channel, Project project, int stream, int streams, double changeFraction, long baseMs) {
        for (Project.Model m : project.models()) {
            if (m.index() % streams == stream) {
                targets.add(new Target(m, baseMs));
            }
        }
        this.sql = SQLGrpc.newBlockingStub(channel);
        this.execution = ExecutionGrpc.newBlockingStub(channel);
        this.rnd = new Random(1000L + stream);
        this.changeFraction = changeFraction;
    }

    /** Asks once about every target and confirms what is executed, so that history exists. */
    @Override
    public void establish() {
        for (Target t : targets) {
            ask(t, null);
        }
    }

    @Override
    public long iteration() {
        if (targets.isEmpty()) {
            return -1;
        }
        Target t = targets.get(rnd.nextInt(targets.size()));
        boolean change = rnd.nextDouble() < changeFraction;
        if (change) {
            t.request = null;
            if (rnd.nextInt(10) < 3) {
                t.variant ^= 1;
            } else {
                int k = rnd.nextInt(t.inputs.length);
                t.inputs[k] = Math.max(System.currentTimeMillis(), t.inputs[k] + 1);
            }
        }
        return ask(t, change);
    }

    /** One decision (timed) and, when told to execute, its confirmation; -1 when the call failed. */
    private long ask(Target t, Boolean changed) {
        long start = System.nanoTime();
        SubmitSQLResponse r;
        try {
            r = sql.withDeadlineAfter(30, TimeUnit.SECONDS)
                    .submitEnrichedSQL(t.request());
        } catch (StatusRuntimeException e) {
            Load.failed(counts, e);
            return -1;
        }
        long nanos = System.nanoTime() - start;
        boolean execute = r.hasReadyToExecute();
        lastKind = execute ? 'E' : r.hasSkipExecution() ? 'S' : 'O';
        if (execute) {
            counts.executes++;
        } else if (r.hasSkipExecution()) {
            counts.skips++;
        }
        if (changed != null && changed != execute) {
            counts.unexpected++;
        }
        if (execute) {
            long built = System.currentTimeMillis();
            for (long in : t.inputs) {
                built = Math.max(built, in + 1);
            }
            built = Math.max(built, t.stamp + 1);
            try {
                execution.withDeadlineAfter(30, TimeUnit.SECONDS).confirmExecution(ConfirmExecutionRequest.newBuilder()
                        .setRequestId(r.getReadyToExecute().getRequestId())
                        .setLastModifiedEpoch(built)
                        .setExecutionRuntimeMs(500 + rnd.nextInt(5000))
                        .putLabels("dbt_node_name", t.model.name())
                        .putLabels("dbt_node_fqn", "bench_project." + t.model.name())
                        .putLabels("dbt_node_unique_id", "model.bench_project." + t.model.name())
                        .build());
                counts.confirms++;
                t.stamp = built;
                t.request = null;
            } catch (StatusRuntimeException e) {
                Load.failed(counts, e);
            }
        }
        return nanos;
    }

    @Override
    public char lastKind() {
        return lastKind;
    }

    @Override
    public Load.Counts counts() {
        return counts;
    }
}

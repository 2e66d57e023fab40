package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dev pre-clone, as constructed traffic in the hosted service's recording format, replayed
 * through {@code replay}: prod builds an incremental-style model (its SQL reads its own table), the
 * client pre-clones the missing dev table from prod (RegisterClone, ConfirmExecution), and the next
 * SubmitEnrichedSQL of the dev table is a skip that reports the prod run's runtime, as the hosted
 * service answers; after a write to the dev table the next one executes.
 */
class PreCloneReplayTest {
    static final String RAW = "\\\"DB\\\".\\\"RAW\\\".\\\"ORDERS\\\"";
    static final String PROD = "\\\"DB\\\".\\\"PROD\\\".\\\"ORDERS\\\"";
    static final String DEV = "\\\"DB\\\".\\\"DEV\\\".\\\"ORDERS\\\"";
    static final String ID = "01a12021-0000-7000-8000-0000000000";

    static String line(long at, String service, String method, String request, String response) {
        return "{\"service\": \"" + service + "\", \"method\": \"" + method + "\", \"recorded_at\": \"2026-10-09T10:00:00Z\","
                + " \"metadata\": [[\"x-submitted-at-epoch\", \"" + at + "\"]], \"request\": " + request
                + ", \"response\": " + response + "}";
    }

    static String submit(String target, String schema, Long targetMs) {
        return "{\"target_table\": \"" + target + "\", \"dialect\": \"snowflake\", \"execution_type\": 1, \"sql\": "
                + "\"select * from DB.RAW.ORDERS where id > (select coalesce(max(id), 0) from DB." + schema + ".ORDERS)\", "
                + "\"tables\": [{\"name\": \"" + RAW + "\", \"last_modified_epoch\": 1000}, {\"name\": \"" + target + "\""
                + (targetMs == null ? "" : ", \"last_modified_epoch\": " + targetMs) + "}], \"freshness_tolerance_seconds\": 0, "
                + "\"tolerate_nondeterminism\": true, \"table_namespace\": \"fc38a5ba0eceb701c6ab7c6b882e28b0\", "
                + "\"labels\": {\"dbt_node_unique_id\": \"model.shop.orders\"}}";
    }

    static String execute(String id, String decision, String description) {
        return "{\"response\": {\"ready_to_execute\": {\"request_id\": \"" + ID + id + "\", \"last_modified_query\": \"\", "
                + "\"explained_decision\": {\"decision\": 1, \"skip_rejection_reason\": 6, \"clone_rejection_reason\": 6, "
                + "\"is_stale\": false, \"decision_description\": \"" + description + "\"}, \"transformed_nodes_by_query\": {}, "
                + "\"execution_decision_id\": \"" + ID + decision + "\"}}}";
    }

    static String confirm(String id, long targetMs, String extra) {
        return "{\"request_id\": \"" + ID + id + "\", \"last_modified_epoch\": " + targetMs + ", \"failed_to_clone\": false, "
                + "\"table_type\": \"TABLE\"" + extra + "}";
    }

    static List<String> traffic() {
        String preClone = "{\"request_id\": \"" + ID + "03\", \"last_modified_query\": \"\", \"clone_sqls\": [\"\\n"
                + "            CREATE OR REPLACE TABLE " + DEV + "\\n            CLONE " + PROD + "\\n            COPY GRANTS\"], "
                + "\"clone_source\": \"" + PROD + "\", \"clone_target\": \"" + DEV + "\", \"explained_decision\": {\"decision\": 3, "
                + "\"skip_rejection_reason\": 5, \"clone_rejection_reason\": null, \"is_stale\": false, \"decision_description\": \"\"}, "
                + "\"transformed_nodes_by_query\": {}, \"clone_required_last_modified_epoch\": null, "
                + "\"clone_execution_results\": {\"fields\": {}}, \"execution_runtime_ms\": null, \"execution_decision_id\": \"\"}";
        return List.of(
                line(1_000_100, "SQL", "SubmitEnrichedSQL", submit(PROD, "prod", null),
                        execute("01", "91", "model was executed because its table did not exist")),
                line(1_000_200, "Execution", "ConfirmExecution", confirm("01", 2000, ", \"execution_runtime_ms\": 4321"),
                        "{\"success\": true, \"execution_id\": \"" + ID + "01\"}"),
                line(1_000_300, "Clone", "RegisterClone", "{\"target_table\": \"" + DEV + "\", \"dialect\": \"snowflake\", "
                        + "\"execution_type\": 1, \"clone_source_table\": \"" + PROD + "\", \"clone_source_last_modified_epoch\": 2000, "
                        + "\"clone_source_table_type\": \"TABLE\", \"table_namespace\": \"fc38a5ba0eceb701c6ab7c6b882e28b0\", "
                        + "\"labels\": {\"dbt_node_unique_id\": \"model.shop.orders\"}}",
                        "{\"ready_to_clone\": " + preClone + ", \"unable_to_clone\": null, \"response\": {\"ready_to_clone_v1\": "
                                + preClone + "}}"),
                line(1_000_400, "Execution", "ConfirmExecution", confirm("03", 3000, ""),
                        "{\"success\": true, \"execution_id\": \"" + ID + "04\"}"),
                // The copy: the prod run's query (its own table mapped), inputs and runtime.
                line(1_000_500, "SQL", "SubmitEnrichedSQL", submit(DEV, "dev", 3000L),
                        "{\"response\": {\"skip_execution\": {\"explained_decision\": {\"decision\": 0, \"skip_rejection_reason\": null, "
                                + "\"clone_rejection_reason\": null, \"is_stale\": false, \"decision_description\": "
                                + "\"model was a no-op because both its query and its upstream data are up to date\"}, "
                                + "\"transformed_nodes_by_query\": {}, \"execution_results\": {\"fields\": {}}, "
                                + "\"execution_runtime_ms\": 4321, \"execution_decision_id\": \"" + ID + "95\", "
                                + "\"execution_id\": \"" + ID + "03\"}}}"),
                // Written after the clone: built again.
                line(1_000_600, "SQL", "SubmitEnrichedSQL", submit(DEV, "dev", 3500L),
                        execute("06", "96", "model was executed because either its query didn't match or its upstream data is out of date")));
    }

    @Test
    void theNextDecisionAfterAPreCloneReusesTheSourcesRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("preclone.jsonl");
        Files.write(file, traffic());
        ReplayCommandTest.Result r = ReplayCommandTest.run("replay", file.toString());
        assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().strip().endsWith("6 calls, 6 match, 0 differ"), r.out());
    }
}

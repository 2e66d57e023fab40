package dev.dbtstateoss.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.CloneResponse;
import com.fivetran.query_cache.ConfirmExecutionRequest;
import com.fivetran.query_cache.ConfirmExecutionResponse;
import com.fivetran.query_cache.DbtNodeState;
import com.fivetran.query_cache.ExplainedDecision;
import com.fivetran.query_cache.ListValue;
import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.NodeFuncMapping;
import com.fivetran.query_cache.NullValue;
import com.fivetran.query_cache.ReadyToCloneResponse;
import com.fivetran.query_cache.RecordExecutionsResponse;
import com.fivetran.query_cache.RejectionReason;
import com.fivetran.query_cache.SkipExecutionResponse;
import com.fivetran.query_cache.Struct;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.SubmitSQLResultType;
import com.fivetran.query_cache.TableModifiedInfo;
import com.fivetran.query_cache.Value;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capture JSON format: written from our messages, read back, and read from the hosted recordings' style. */
class WireJsonTest {
    static Struct results() {
        return Struct.newBuilder()
                .putFields("failures", Value.newBuilder().setIntValue(0).build())
                .putFields("should_warn", Value.newBuilder().setBoolValue(false).build())
                .putFields("ratio", Value.newBuilder().setDoubleValue(0.25).build())
                .putFields("nothing", Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build())
                .putFields("nested", Value.newBuilder().setStructValue(Struct.newBuilder()
                        .putFields("list", Value.newBuilder().setListValue(ListValue.newBuilder()
                                .addValues(Value.newBuilder().setStringValue("a"))).build())).build())
                .build();
    }

    static <T extends Message> T roundTrip(T m) {
        String text = WireJson.toJson(m).toString();
        WireJsonReader reader = new WireJsonReader();
        T back = reader.read(JsonParser.parseString(text), m, "x");
        assertEquals(List.of(), reader.unknownFields());
        return back;
    }

    @Test
    void writesDefaultsNullsOneofsEnumsAndLongsAsRecorded() {
        SubmitSQLResponse skip = SubmitSQLResponse.newBuilder().setSkipExecution(SkipExecutionResponse.newBuilder()
                .setExplainedDecision(ExplainedDecision.newBuilder().setDecision(SubmitSQLResultType.SKIP_EXECUTION)
                        .setDecisionDescription("model was a no-op"))
                .setExecutionResults(Struct.newBuilder().putFields("failures", Value.newBuilder().setIntValue(0).build()))
                .setExecutionRuntimeMs(47_246_000_000_123L)
                .setExecutionDecisionId("01a11da2-5790-7000-8000-000000000000")).build();
        JsonObject expected = JsonParser.parseString("{\"response\": {\"skip_execution\": {"
                + "\"explained_decision\": {\"decision\": 0, \"skip_rejection_reason\": null, \"clone_rejection_reason\": null,"
                + " \"is_stale\": false, \"decision_description\": \"model was a no-op\"},"
                + " \"transformed_nodes_by_query\": {},"
                + " \"execution_results\": {\"fields\": {\"failures\": {\"kind\": {\"int_value\": 0}}}},"
                + " \"execution_runtime_ms\": 47246000000123,"
                + " \"execution_decision_id\": \"01a11da2-5790-7000-8000-000000000000\", \"execution_id\": \"\"}}}")
                .getAsJsonObject();
        assertEquals(expected, WireJson.toJson(skip));
        assertTrue(WireJson.toJson(skip).toString().contains("47246000000123"), "int64 as a JSON number");
        assertEquals("{\"response\":null}", WireJson.toJson(SubmitSQLResponse.getDefaultInstance()).toString());
    }

    @Test
    void cloneResponseKeepsItsPlainFieldsBeforeTheOneof() {
        ReadyToCloneResponse body = ReadyToCloneResponse.newBuilder().setRequestId("r").addCloneSqls("CLONE")
                .setCloneSource("a").setCloneTarget("b").setCloneExecutionResults(Struct.getDefaultInstance()).build();
        CloneResponse c = CloneResponse.newBuilder().setReadyToClone(body).setReadyToCloneV1(body).build();
        JsonObject json = WireJson.toJson(c);
        assertEquals(List.of("ready_to_clone", "unable_to_clone", "response"), List.copyOf(json.keySet()));
        assertTrue(json.get("unable_to_clone").isJsonNull());
        assertEquals(json.get("ready_to_clone"), json.getAsJsonObject("response").get("ready_to_clone_v1"));
        assertEquals(c, roundTrip(c));
    }

    @Test
    void everyKindOfFieldRoundTrips() {
        SubmitEnrichedSQLRequest full = SubmitEnrichedSQLRequest.newBuilder().setTargetTable("\"db\".\"s\".\"t\"")
                .setDialect("snowflake").setExecutionType(ModelExecutionType.DBT_CUSTOM).setSql("select 1")
                .addTables(TableModifiedInfo.newBuilder().setName("a").setLastModifiedEpoch(1_791_498_477_877L))
                .addTables(TableModifiedInfo.newBuilder().setName("b"))
                .putSemanticExtras("lookback", "1").putLabels("dbt_node_unique_id", "model.p.t")
                .setFreshnessToleranceSeconds(2700).setTolerateNondeterminism(true).setAllowClones(false)
                .setDbtNodeState(DbtNodeState.newBuilder().setNodeUniqueId("model.p.t").setNodeBodyHash("h"))
                .setExecutionTypeValue(77).build();
        assertEquals(full, roundTrip(full));
        JsonObject json = WireJson.toJson(full);
        assertTrue(json.get("clone_time_travel_limit").isJsonNull(), "unset optional scalar");
        assertFalse(json.get("allow_clones").isJsonNull(), "set optional false is written");
        assertEquals(77, json.get("execution_type").getAsInt(), "unknown enum numbers are kept");
        assertTrue(json.getAsJsonArray("tables").get(1).getAsJsonObject().get("last_modified_epoch").isJsonNull());

        ConfirmExecutionRequest confirm = ConfirmExecutionRequest.newBuilder().setRequestId("r").setExecutionResults(results())
                .setTableType("TRANSIENT TABLE").build();
        assertEquals(confirm, roundTrip(confirm));
        SubmitSQLResponse withMap = SubmitSQLResponse.newBuilder().setSkipExecution(SkipExecutionResponse.newBuilder()
                .putTransformedNodesByQuery("q", NodeFuncMapping.newBuilder().putNodeToFunc("n", "f").build())).build();
        assertEquals(withMap, roundTrip(withMap));
        RecordExecutionsResponse unsigned = RecordExecutionsResponse.newBuilder().setRecordsStored(-1).build();
        assertEquals("{\"records_stored\":4294967295}", WireJson.toJson(unsigned).toString());
        assertEquals(unsigned, roundTrip(unsigned));
    }

    @Test
    void readsTheHostedRecordingsStyleWithItsAliasesAndReportsUnknownFields() {
        WireJsonReader reader = new WireJsonReader();
        ConfirmExecutionResponse confirm = reader.read(JsonParser.parseString(
                "{\"success\": true, \"request_id\": \"01a11da2-5790-7000-8000-000000000000\"}"),
                ConfirmExecutionResponse.getDefaultInstance(), "response");
        assertEquals("01a11da2-5790-7000-8000-000000000000", confirm.getExecutionId());
        assertEquals(List.of(), reader.unknownFields());

        reader = new WireJsonReader();
        SubmitSQLResponse execute = reader.read(JsonParser.parseString("{\"response\": {\"ready_to_execute\": {"
                + "\"request_id\": \"r\", \"last_modified_query\": \"\", \"explained_decision\": {\"decision\": 1,"
                + " \"skip_rejection_reason\": 8, \"clone_rejection_reason\": 7, \"is_stale\": false,"
                + " \"decision_description\": \"d\"}, \"transformed_nodes_by_query\": {}, \"query_hash_metadata_info\": null,"
                + " \"execution_decision_id\": \"e\"}}}"), SubmitSQLResponse.getDefaultInstance(), "response");
        assertEquals(RejectionReason.LATEST_QUERY_HASH_NOT_MATCH,
                execute.getReadyToExecute().getExplainedDecision().getSkipRejectionReason());
        assertEquals(List.of(new WireJsonReader.Unknown("response.response.ready_to_execute.query_hash_metadata_info",
                "ReadyToExecuteResponse.query_hash_metadata_info", true)), reader.unknownFields());

        reader = new WireJsonReader();
        SubmitEnrichedSQLRequest req = reader.read(JsonParser.parseString("{\"sql\": \"select 1\", \"lenient_dependencies\": [],"
                + " \"brand_new\": {\"x\": 1}, \"target_table\": null, \"tables\": null}"),
                SubmitEnrichedSQLRequest.getDefaultInstance(), "request");
        assertEquals("select 1", req.getSql());
        assertFalse(req.hasTargetTable());
        assertEquals(List.of(new WireJsonReader.Unknown("request.lenient_dependencies", "SubmitEnrichedSQLRequest.lenient_dependencies",
                true), new WireJsonReader.Unknown("request.brand_new", "SubmitEnrichedSQLRequest.brand_new", false)),
                reader.unknownFields());
    }

    @Test
    void valuesOfTheWrongKindNameTheirPath() {
        WireJsonReader reader = new WireJsonReader();
        WireJsonReader.Problem p = assertThrows(WireJsonReader.Problem.class, () -> reader.read(JsonParser.parseString(
                "{\"tables\": [{\"name\": \"a\", \"last_modified_epoch\": \"soon\"}]}"),
                SubmitEnrichedSQLRequest.getDefaultInstance(), "request"));
        assertTrue(p.getMessage().startsWith("request.tables[0].last_modified_epoch:"), p.getMessage());
        assertThrows(WireJsonReader.Problem.class, () -> reader.read(JsonParser.parseString("{\"sql\": 5}"),
                SubmitEnrichedSQLRequest.getDefaultInstance(), "request"));
        assertThrows(WireJsonReader.Problem.class, () -> reader.read(JsonParser.parseString("{\"tolerate_nondeterminism\": \"yes\"}"),
                SubmitEnrichedSQLRequest.getDefaultInstance(), "request"));
        assertThrows(WireJsonReader.Problem.class, () -> reader.read(JsonParser.parseString("{\"freshness_tolerance_seconds\": 1.5}"),
                SubmitEnrichedSQLRequest.getDefaultInstance(), "request"));
        assertThrows(WireJsonReader.Problem.class, () -> reader.read(JsonParser.parseString(
                "{\"response\": {\"skip_execution\": {}, \"ready_to_execute\": {}}}"), SubmitSQLResponse.getDefaultInstance(), "r"));
        assertThrows(WireJsonReader.Problem.class, () -> reader.read(JsonParser.parseString("[]"),
                SubmitSQLResponse.getDefaultInstance(), "r"));
    }
}

package dev.dbtstateoss.server;

import com.fivetran.query_cache.ConfirmExecutionRequest;
import com.fivetran.query_cache.DbtNodeState;
import com.fivetran.query_cache.ExplainedDecision;
import com.fivetran.query_cache.ReadyToCloneResponse;
import com.fivetran.query_cache.ReadyToExecuteResponse;
import com.fivetran.query_cache.RejectionReason;
import com.fivetran.query_cache.SkipExecutionResponse;
import com.fivetran.query_cache.Struct;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.SubmitSQLResultType;
import com.fivetran.query_cache.SubmitValuesRequest;
import com.fivetran.query_cache.TableModifiedInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.dbtstateoss.engine.Confirmation;
import dev.dbtstateoss.engine.Decision;
import dev.dbtstateoss.engine.ExecuteReason;
import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.NodeState;
import dev.dbtstateoss.engine.SqlRequest;
import dev.dbtstateoss.engine.StalePolicy;
import dev.dbtstateoss.engine.TableStamp;
import dev.dbtstateoss.engine.ValuesRequest;
import java.util.ArrayList;
import java.util.List;

/** Wire messages to engine values and back. Invalid requests throw {@link InvalidRequest}. */
final class ProtoMapping {
    private ProtoMapping() {}

    /** A request the server refuses; {@code field} names the offending field. */
    static final class InvalidRequest extends RuntimeException {
        InvalidRequest(String field, String problem) {
            super(field + ": " + problem);
        }
    }

    static SqlRequest toSqlRequest(SubmitEnrichedSQLRequest r, long nowMs) {
        ExecutionType type = ExecutionType.ofNumber(r.getExecutionTypeValue());
        if (r.getSql().isBlank()) {
            throw new InvalidRequest("sql", "must not be empty");
        }
        if (type != ExecutionType.DBT_DATA_TEST && r.getTargetTable().isBlank()) {
            throw new InvalidRequest("target_table", "is required for execution type " + type);
        }
        if (r.getFreshnessToleranceSeconds() < 0) {
            throw new InvalidRequest("freshness_tolerance_seconds", "must not be negative");
        }
        List<TableStamp> tables = new ArrayList<>(r.getTablesCount());
        for (int i = 0; i < r.getTablesCount(); i++) {
            TableModifiedInfo t = r.getTables(i);
            if (t.getName().isBlank()) {
                throw new InvalidRequest("tables[" + i + "].name", "must not be empty");
            }
            tables.add(new TableStamp(t.getName(), t.hasLastModifiedEpoch() ? t.getLastModifiedEpoch() : null));
        }
        java.util.Map<String, String> views = new java.util.TreeMap<>();
        for (int i = 0; i < r.getQueryDependenciesCount(); i++) {
            var dep = r.getQueryDependencies(i);
            if (dep.getName().isBlank()) {
                throw new InvalidRequest("query_dependencies[" + i + "].name", "must not be empty");
            }
            views.put(dep.getName(), dep.getQuery());
        }
        // An unknown policy number is read as ANY, the stricter one.
        StalePolicy policy = r.getStaleUpstreamPolicyValue() == 1 ? StalePolicy.ALL : StalePolicy.ANY;
        return new SqlRequest(r.getTargetTable(), r.getTableNamespace(), r.getDialect(), type, r.getSql(), tables, views,
                r.getSemanticExtrasMap(), r.getFreshnessToleranceSeconds(), r.getTolerateNondeterminism(), policy,
                r.getIgnoreExternalModifications(), !r.hasAllowClones() || r.getAllowClones(), r.getCompareUnrenderedCode(), nodeState(r.getDbtNodeState()), r.getLabelsMap(), nowMs);
    }

    static ValuesRequest toValuesRequest(SubmitValuesRequest r, long nowMs) {
        if (r.getTargetTable().isBlank()) {
            throw new InvalidRequest("target_table", "must not be empty");
        }
        if (r.getValuesHash().isBlank()) {
            throw new InvalidRequest("values_hash", "must not be empty");
        }
        return new ValuesRequest(r.getTargetTable(), r.getTableNamespace(), r.getDialect(), r.getValuesHash(),
                r.hasLastModifiedEpoch() ? r.getLastModifiedEpoch() : null, r.getLabelsMap(), nowMs);
    }

    static Confirmation toConfirmation(ConfirmExecutionRequest r, long nowMs) {
        if (r.getRequestId().isBlank()) {
            throw new InvalidRequest("request_id", "must not be empty");
        }
        String results = r.hasExecutionResults() ? structToJson(r.getExecutionResults()) : null;
        return new Confirmation(r.getRequestId(), r.hasLastModifiedEpoch() ? r.getLastModifiedEpoch() : null,
                Math.max(0, r.getExecutionRuntimeMs()), results, r.hasTableType() ? r.getTableType() : null, nowMs,
                r.getFailedToClone());
    }

    private static NodeState nodeState(DbtNodeState s) {
        return new NodeState(s.getNodeUniqueId(), s.getTargetName(), s.getProjectName(), s.getResourceType(),
                s.getNodeHash(), s.getNodeBodyHash(), s.getNodeConfigsHash(), s.getNodePersistedDescriptionsHash(),
                s.getNodeMacrosHash(), s.getNodeContractHash(), s.getProfileName());
    }

    static SubmitSQLResponse toResponse(Decision d) {
        SubmitSQLResponse.Builder out = SubmitSQLResponse.newBuilder();
        if (d instanceof Decision.Skip s) {
            out.setSkipExecution(SkipExecutionResponse.newBuilder()
                    .setExplainedDecision(ExplainedDecision.newBuilder()
                            .setDecision(SubmitSQLResultType.SKIP_EXECUTION)
                            .setIsStale(s.stale())
                            .setDecisionDescription(s.description()))
                    .setExecutionResults(s.executionResultsJson() == null ? Struct.getDefaultInstance()
                            : jsonToStruct(s.executionResultsJson()))
                    .setExecutionRuntimeMs(s.reusedRuntimeMs())
                    .setExecutionDecisionId(s.decisionId())
                    .setExecutionId(s.executionId()));
        } else if (d instanceof Decision.Execute e) {
            out.setReadyToExecute(ReadyToExecuteResponse.newBuilder()
                    .setRequestId(e.requestId())
                    .setExplainedDecision(ExplainedDecision.newBuilder()
                            .setDecision(SubmitSQLResultType.READY_TO_EXECUTE)
                            .setSkipRejectionReason(skipRejection(e.reason()))
                            .setCloneRejectionReason(cloneRejection(e.reason()))
                            .setDecisionDescription(e.description()))
                    .setExecutionDecisionId(e.decisionId()));
        } else {
            out.setReadyToClone(readyToClone((Decision.Clone) d));
        }
        return out.build();
    }

    /** A clone: on the SQL path with the hosted reasons 1/none; a pre-clone (no decision id) with 5/none. */
    static ReadyToCloneResponse readyToClone(Decision.Clone c) {
        boolean preClone = c.decisionId() == null;
        ReadyToCloneResponse.Builder b = ReadyToCloneResponse.newBuilder()
                .setRequestId(c.requestId())
                .addAllCloneSqls(c.cloneSql())
                .setCloneSource(c.sourceTable())
                .setCloneTarget(c.targetTable())
                .setExplainedDecision(ExplainedDecision.newBuilder()
                        .setDecision(SubmitSQLResultType.READY_TO_CLONE)
                        .setSkipRejectionReason(preClone ? RejectionReason.FORCED_NOT_ELIGIBLE : RejectionReason.TARGET_TABLE_MISMATCH)
                        .setDecisionDescription(c.description()))
                .setCloneExecutionResults(c.executionResultsJson() == null ? Struct.getDefaultInstance()
                        : jsonToStruct(c.executionResultsJson()))
                .setExecutionDecisionId(preClone ? "" : c.decisionId());
        if (c.sourceLastModifiedMs() != null) {
            b.setCloneRequiredLastModifiedEpoch(c.sourceLastModifiedMs());
        }
        if (c.reusedRuntimeMs() != null) {
            b.setExecutionRuntimeMs(c.reusedRuntimeMs());
        }
        return b.build();
    }

    /**
     * The hosted service's reason codes. It answers 6/6 (no suitable match) for every execution it
     * does not clone, except 8/7 when an older run of the target matched but the latest did not.
     */
    private static RejectionReason skipRejection(ExecuteReason r) {
        return r == ExecuteReason.OLDER_RUN_MATCHED ? RejectionReason.LATEST_QUERY_HASH_NOT_MATCH
                : RejectionReason.NO_SUITABLE_MATCH_FOUND;
    }

    private static RejectionReason cloneRejection(ExecuteReason r) {
        return r == ExecuteReason.OLDER_RUN_MATCHED ? RejectionReason.TARGET_TABLE_MATCH
                : RejectionReason.NO_SUITABLE_MATCH_FOUND;
    }

    static String structToJson(Struct s) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(s);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidRequest("execution_results", "cannot be stored: " + e.getMessage());
        }
    }

    static Struct jsonToStruct(String json) {
        Struct.Builder b = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(json, b);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored execution results are unreadable: " + e.getMessage(), e);
        }
        return b.build();
    }
}

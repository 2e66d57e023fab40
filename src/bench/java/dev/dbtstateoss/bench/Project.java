package dev.dbtstateoss.bench;

import com.fivetran.query_cache.DbtNodeState;
import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.QueryDependency;
import com.fivetran.query_cache.StaleUpstreamPolicy;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.TableModifiedInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic dbt project of the size the benchmark replays: staging models reading raw sources,
 * intermediate and mart models reading 1-5 earlier models, compiled SQL of varying size, some
 * incremental models with semantic configs, some reading through a view, labels and node state as
 * the dbt-state client sends them. Deterministic for a seed.
 */
final class Project {
    static final String DATABASE = "ANALYTICS";
    static final String SCHEMA = "DBT_BENCH";

    /** One model: its relation, inputs and the two versions of its SQL the benchmark alternates. */
    record Model(int index, String name, String relation, List<String> inputs, String[] sql, ModelExecutionType type,
            Map<String, String> semanticExtras, QueryDependency view, String[] nodeHash, String configsHash,
            String contractHash) {}

    private final List<Model> models = new ArrayList<>();

    Project(int size, long seed) {
        Random rnd = new Random(seed);
        int staging = Math.max(1, size * 3 / 10);
        for (int i = 0; i < size; i++) {
            String name = (i < staging ? "stg_" : i < size * 7 / 10 ? "int_" : "fct_") + String.format(Locale.ROOT, "model_%03d", i);
            List<String> inputs = new ArrayList<>();
            int n = 1 + rnd.nextInt(5);
            for (int k = 0; k < n; k++) {
                String in = i < staging || rnd.nextInt(6) == 0
                        ? relation("RAW", String.format(Locale.ROOT, "SRC_%02d", rnd.nextInt(40)))
                        : models.get(rnd.nextInt(i)).relation();
                if (!inputs.contains(in)) {
                    inputs.add(in);
                }
            }
            boolean incremental = rnd.nextInt(10) < 3;
            ModelExecutionType type = incremental ? ModelExecutionType.MERGE : ModelExecutionType.FULL;
            Map<String, String> extras = incremental
                    ? Map.of("unique_key", "\"id\"", "on_schema_change", "\"append_new_columns\"",
                            "incremental_predicates", "null")
                    : rnd.nextBoolean() ? Map.of("indexes", "[]", "unlogged", "false") : Map.of("grants", "{}");
            QueryDependency view = null;
            if (i >= staging && rnd.nextInt(5) == 0) {
                view = QueryDependency.newBuilder().setName(relation(SCHEMA, "V_" + name.toUpperCase(Locale.ROOT)))
                        .setQuery(Sql.select(rnd, List.of(inputs.get(0)), 6 + rnd.nextInt(20), ""))
                        .setDefaultCatalog(DATABASE).setDefaultSchema(SCHEMA).build();
            }
            int columns = 4 + rnd.nextInt(i % 7 == 0 ? 120 : 30);
            String base = Sql.select(rnd, inputs, columns, name);
            String[] sql = {base, base.replace("\nfrom ", ",\n        'v2' as _bench_variant\nfrom ")};
            String[] nodeHash = {Sql.hex(rnd, 32), Sql.hex(rnd, 32)};
            models.add(new Model(i, name, relation(SCHEMA, name.toUpperCase(Locale.ROOT)), List.copyOf(inputs), sql, type,
                    extras, view, nodeHash, Sql.hex(rnd, 32), Sql.hex(rnd, 32)));
        }
    }

    static String relation(String schema, String table) {
        return "\"" + DATABASE + "\".\"" + schema + "\".\"" + table + "\"";
    }

    List<Model> models() {
        return models;
    }

    /**
     * The SubmitEnrichedSQL request of a model in a given state: SQL version, each input's stamp and
     * the target's own stamp, as the dbt-state client would send it.
     */
    static SubmitEnrichedSQLRequest request(Model m, int variant, long[] inputStamps, long targetStamp) {
        SubmitEnrichedSQLRequest.Builder b = SubmitEnrichedSQLRequest.newBuilder()
                .setTargetTable(m.relation())
                .setDialect("postgres")
                .setDefaultCatalog(DATABASE)
                .setDefaultSchema(SCHEMA.toLowerCase(Locale.ROOT))
                .setExecutionType(m.type())
                .setSql(m.sql()[variant])
                .putAllSemanticExtras(m.semanticExtras())
                .setFreshnessToleranceSeconds(0)
                .setTolerateNondeterminism(true)
                .setStaleUpstreamPolicy(StaleUpstreamPolicy.forNumber(0))
                .putLabels("dbt_node_name", m.name())
                .putLabels("dbt_node_fqn", "bench_project." + m.name())
                .putLabels("dbt_node_unique_id", "model.bench_project." + m.name())
                .setDbtNodeState(DbtNodeState.newBuilder()
                        .setNodeUniqueId("model.bench_project." + m.name())
                        .setTargetName("dev").setProjectName("bench_project").setResourceType("model")
                        .setNodeHash(m.nodeHash()[variant]).setNodeBodyHash(m.nodeHash()[variant])
                        .setNodeConfigsHash(m.configsHash()).setNodeContractHash(m.contractHash())
                        .setProfileName("bench").setProjectId("4242"));
        for (int k = 0; k < m.inputs().size(); k++) {
            b.addTables(TableModifiedInfo.newBuilder().setName(m.inputs().get(k)).setLastModifiedEpoch(inputStamps[k]));
        }
        b.addTables(TableModifiedInfo.newBuilder().setName(m.relation()).setLastModifiedEpoch(targetStamp));
        if (m.view() != null) {
            b.addQueryDependencies(m.view());
        }
        return b.build();
    }

    /** Compiled-looking SQL of varying size. */
    static final class Sql {
        private Sql() {}

        static String select(Random rnd, List<String> inputs, int columns, String model) {
            StringBuilder s = new StringBuilder("-- compiled by dbt for ").append(model.isEmpty() ? "a view" : model).append("\nwith\n");
            for (int k = 0; k < inputs.size(); k++) {
                s.append(k == 0 ? "" : ",\n").append("src_").append(k).append(" as (\n    select id from ")
                        .append(inputs.get(k).toLowerCase(Locale.ROOT).replace("\"", "")).append("\n    where _loaded_at > '2020-01-01'\n)");
            }
            s.append("\n\nselect\n        src_0.id as id");
            for (int c = 1; c < columns; c++) {
                int from = rnd.nextInt(inputs.size());
                switch (rnd.nextInt(4)) {
                    case 0 -> s.append(",\n        src_").append(from).append(".col_").append(c).append(" as column_").append(c);
                    case 1 -> s.append(",\n        coalesce(src_").append(from).append(".amount_").append(c)
                            .append(", 0) * 100 as amount_cents_").append(c);
                    case 2 -> s.append(",\n        case when src_").append(from).append(".status_").append(c)
                            .append(" = 'active' then 1 else 0 end as is_active_").append(c);
                    default -> s.append(",\n        cast(src_").append(from).append(".ts_").append(c)
                            .append(" as timestamp) as ts_").append(c);
                }
            }
            s.append("\nfrom src_0");
            for (int k = 1; k < inputs.size(); k++) {
                s.append("\nleft join src_").append(k).append(" on src_").append(k).append(".id = src_0.id");
            }
            s.append("\nwhere src_0.id is not null");
            return s.toString();
        }

        static String hex(Random rnd, int digits) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < digits; i++) {
                s.append(Character.forDigit(rnd.nextInt(16), 16));
            }
            return s.toString();
        }
    }
}

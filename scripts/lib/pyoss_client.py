"""Drives a running Python dbt-state-oss server (0.1.1) with real gRPC calls, so that it writes its
own store format; used by PythonOssImportTest. Run with the server's venv python:

    python pyoss_client.py PORT

Per target: SubmitEnrichedSQL then ConfirmExecution (two runs of one model with a changed query, a
run of another model, a seed through SubmitValues); then asks once more with the first query and
prints the server's answer (SKIP) and one line per confirmed request id.
"""
import sys

import grpc
from query_cache_protobuf.query_cache import shared_pb2
from query_cache_protobuf.query_cache.services import (
    execution_service_pb2 as exec_pb2,
    execution_service_pb2_grpc as exec_grpc,
    sql_service_pb2 as sql_pb2,
    sql_service_pb2_grpc as sql_grpc,
)

ORDERS = '"db"."an"."orders"'
CUSTOMERS = '"db"."an"."customers"'
RAW = '"db"."raw"."orders"'


def main() -> None:
    channel = grpc.insecure_channel(f"127.0.0.1:{sys.argv[1]}")
    grpc.channel_ready_future(channel).result(timeout=30)
    sql = sql_grpc.SQLStub(channel)
    execution = exec_grpc.ExecutionStub(channel)
    full = shared_pb2.ModelExecutionType.Value("FULL")

    def build(target, query, raw_ms, target_ms):
        r = sql.SubmitEnrichedSQL(sql_pb2.SubmitEnrichedSQLRequest(
            target_table=target, dialect="postgres", execution_type=full, sql=query,
            tables=[shared_pb2.TableModifiedInfo(name=RAW, last_modified_epoch=raw_ms)]))
        rid = r.ready_to_execute.request_id
        assert rid, f"expected an execute answer for {target}: {r}"
        execution.ConfirmExecution(exec_pb2.ConfirmExecutionRequest(
            request_id=rid, last_modified_epoch=target_ms, table_type="BASE TABLE"))
        print(f"confirmed {target} {rid}")

    build(ORDERS, f"select * from {RAW}", 100, 500)
    build(ORDERS, f"select * from {RAW} where amount > 0", 120, 600)
    build(CUSTOMERS, f"select distinct customer_id from {RAW}", 120, 700)
    v = sql.SubmitValues(sql_pb2.SubmitValuesRequest(target_table='"db"."an"."countries"', dialect="postgres",
                                                    values_hash="abc123", last_modified_epoch=50))
    execution.ConfirmExecution(exec_pb2.ConfirmExecutionRequest(
        request_id=v.ready_to_execute.request_id, last_modified_epoch=800))
    print(f'confirmed "db"."an"."countries" {v.ready_to_execute.request_id}')
    again = sql.SubmitEnrichedSQL(sql_pb2.SubmitEnrichedSQLRequest(
        target_table=ORDERS, dialect="postgres", execution_type=full, sql=f"select * from {RAW} where amount > 0",
        tables=[shared_pb2.TableModifiedInfo(name=RAW, last_modified_epoch=120),
                shared_pb2.TableModifiedInfo(name=ORDERS, last_modified_epoch=600)]))
    print("again " + ("SKIP" if again.HasField("skip_execution") else "EXECUTE"))


if __name__ == "__main__":
    main()

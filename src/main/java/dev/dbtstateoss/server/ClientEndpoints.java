package dev.dbtstateoss.server;

import com.fivetran.query_cache.ClientTelemetryGrpc;
import com.fivetran.query_cache.ClientValidationGrpc;
import com.fivetran.query_cache.SessionStartRequest;
import com.fivetran.query_cache.SessionStartResponse;
import com.fivetran.query_cache.SubmitTelemetryBatchRequest;
import com.fivetran.query_cache.SubmitTelemetryBatchResponse;
import com.fivetran.query_cache.ValidateClientVersionRequest;
import com.fivetran.query_cache.ValidateClientVersionResponse;
import io.grpc.stub.StreamObserver;
import java.util.UUID;

/** The small services the client calls around its decisions. */
final class ClientEndpoints {
    private ClientEndpoints() {}

    /** Every client version is supported (a "no" would fail the user's dbt run). */
    static final class Validation extends ClientValidationGrpc.ClientValidationImplBase {
        @Override
        public void validateClientVersion(ValidateClientVersionRequest request,
                StreamObserver<ValidateClientVersionResponse> out) {
            out.onNext(ValidateClientVersionResponse.newBuilder().setIsSupported(true).build());
            out.onCompleted();
        }
    }

    /** Telemetry is accepted and dropped: nothing leaves the user's network. */
    static final class Telemetry extends ClientTelemetryGrpc.ClientTelemetryImplBase {
        @Override
        public void submitTelemetryBatch(SubmitTelemetryBatchRequest request,
                StreamObserver<SubmitTelemetryBatchResponse> out) {
            out.onNext(SubmitTelemetryBatchResponse.newBuilder().setSuccess(true).build());
            out.onCompleted();
        }

        @Override
        public void registerSessionStart(SessionStartRequest request, StreamObserver<SessionStartResponse> out) {
            out.onNext(SessionStartResponse.newBuilder().setSuccess(true).setSessionId(UUID.randomUUID().toString()).build());
            out.onCompleted();
        }
    }
}

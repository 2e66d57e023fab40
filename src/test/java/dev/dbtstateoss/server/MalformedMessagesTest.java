package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fivetran.query_cache.ClientTelemetryGrpc;
import com.fivetran.query_cache.ClientValidationGrpc;
import com.fivetran.query_cache.CloneGrpc;
import com.fivetran.query_cache.ExecutionGrpc;
import com.fivetran.query_cache.ExplainGrpc;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SelectorServiceGrpc;
import com.fivetran.query_cache.Struct;
import com.fivetran.query_cache.Value;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are no message of the method's request type, sent with a raw client call to every
 * method of every service over a real (Netty) server: each is refused with INVALID_ARGUMENT naming
 * the message, the metrics see each call start and end, and the log gets neither a stack trace
 * nor a line per call.
 */
class MalformedMessagesTest {
    private static final List<ServiceDescriptor> SERVICES = List.of(SQLGrpc.getServiceDescriptor(),
            ExecutionGrpc.getServiceDescriptor(), CloneGrpc.getServiceDescriptor(), ClientValidationGrpc.getServiceDescriptor(),
            ExplainGrpc.getServiceDescriptor(), ClientTelemetryGrpc.getServiceDescriptor(),
            SelectorServiceGrpc.getServiceDescriptor(), HealthGrpc.getServiceDescriptor());

    private DecisionServer server;
    private HTTPServer http;
    private ManagedChannel channel;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Map<Logger, Level> levels = new LinkedHashMap<>();

    @BeforeEach
    void start() throws Exception {
        for (String name : List.of("io.grpc", "dev.dbtstateoss")) {
            Logger l = Logger.getLogger(name);
            levels.put(l, l.getLevel());
            l.setLevel(Level.ALL);
            l.addHandler(capture);
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        Metrics metrics = new Metrics(registry);
        Clock clock = Clock.systemUTC();
        DecisionEngine engine = DecisionEngine.over(new StoreHistory(new MemoryStore())).ids(new Ids(clock)).build();
        server = new DecisionServer(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)), engine, clock,
                List.of(metrics.interceptor())).start();
        http = HTTPServer.builder().hostname("127.0.0.1").port(0).registry(registry).buildAndStart();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.shutdown(Duration.ofSeconds(1));
        http.stop();
        levels.forEach((l, level) -> {
            l.removeHandler(capture);
            l.setLevel(level);
        });
    }

    /** One malformed payload for one method. */
    record Case(MethodDescriptor<?, ?> method, String kind, byte[] bytes) {}

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        Random random = new Random(14);
        for (ServiceDescriptor s : SERVICES) {
            for (MethodDescriptor<?, ?> m : s.getMethods()) {
                Message prototype = prototype(m);
                cases.add(new Case(m, "random bytes", unparsable(prototype, random)));
                // field 1, length-delimited, announcing 100 bytes and carrying 3: cut short in any message type
                cases.add(new Case(m, "truncated", new byte[] {0x0a, 100, 'a', 'b', 'c'}));
                for (FieldDescriptor f : prototype.getDescriptorForType().getFields()) {
                    if (f.getType() == FieldDescriptor.Type.STRING) {
                        cases.add(new Case(m, "invalid UTF-8 in " + f.getName(),
                                field(f.getNumber(), ByteString.copyFrom(new byte[] {'o', (byte) 0xc3, 0x28}))));
                        break;
                    }
                }
                for (FieldDescriptor f : prototype.getDescriptorForType().getFields()) {
                    if (f.getType() == FieldDescriptor.Type.MESSAGE && f.getMessageType().equals(Struct.getDescriptor())) {
                        cases.add(new Case(m, "Struct nested 60 deep in " + f.getName(),
                                field(f.getNumber(), nested(60).toByteString())));
                    }
                }
            }
        }
        return cases;
    }

    @Test
    void everyMalformedMessageIsInvalidArgumentNamingIt() throws Exception {
        List<Case> cases = cases();
        assertTrue(cases.size() > 40, "cases: " + cases.size());
        assertTrue(cases.stream().anyMatch(c -> c.kind().startsWith("Struct")), "some request has a Struct");
        for (Case c : cases) {
            Status status = call(c);
            String what = c.method().getFullMethodName() + " with " + c.kind() + ": " + status;
            assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), what);
            String type = prototype(c.method()).getDescriptorForType().getName();
            assertTrue(status.getDescription() != null && status.getDescription().contains(type), what);
        }
        String m = awaitInFlightZero();
        assertEquals(cases.size(), MetricsTest.sample(m, "dbtstate_rpc_duration_seconds_count", "code=\"INVALID_ARGUMENT\""), m);
        assertEquals(0, MetricsTest.sample(m, "dbtstate_rpc_duration_seconds_count", "code=\"UNKNOWN\""), m);

        List<LogRecord> severe = logged.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertTrue(severe.isEmpty(), () -> "SEVERE: " + severe.get(0).getMessage() + " " + severe.get(0).getThrown());
        List<LogRecord> lines = logged.stream().filter(r -> r.getMessage() != null && r.getMessage().contains("malformed")).toList();
        assertFalse(lines.isEmpty(), "the first refusal is logged");
        assertTrue(lines.size() <= 2, lines.size() + " log lines for " + cases.size() + " malformed calls");
        assertTrue(lines.stream().allMatch(r -> r.getThrown() == null && !r.getMessage().contains("\n")), "one line, no trace");
    }

    @Test
    void wellFormedCallsStillWork() {
        var answer = ClientValidationGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .validateClientVersion(com.fivetran.query_cache.ValidateClientVersionRequest.newBuilder().setDbtRunCacheVersion("2.62.3").build());
        assertTrue(answer != null);
    }

    private Status call(Case c) {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder(RAW, RAW)
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(c.method().getFullMethodName()).build();
        try {
            ClientCalls.blockingUnaryCall(channel, raw, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), c.bytes());
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
        if (c.method().getType() != MethodDescriptor.MethodType.UNARY) {
            return Status.INVALID_ARGUMENT.withDescription("streaming: " + c.method().getFullMethodName());
        }
        return fail(c.method().getFullMethodName() + " with " + c.kind() + " was answered");
    }

    private String awaitInFlightZero() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String m = MetricsTest.scrape(http.getPort());
            if (MetricsTest.sample(m, "dbtstate_rpc_in_flight") == 0 || System.nanoTime() > deadline) {
                assertEquals(0, MetricsTest.sample(m, "dbtstate_rpc_in_flight"), m);
                return m;
            }
            Thread.sleep(50);
        }
    }

    private static Message prototype(MethodDescriptor<?, ?> m) {
        return (Message) ((MethodDescriptor.PrototypeMarshaller<?>) m.getRequestMarshaller()).getMessagePrototype();
    }

    /** Seeded random bytes that the request type's own parser refuses (checked here, so the case is real). */
    private static byte[] unparsable(Message prototype, Random random) {
        while (true) {
            byte[] b = new byte[16 + random.nextInt(64)];
            random.nextBytes(b);
            try {
                prototype.getParserForType().parseFrom(b);
            } catch (InvalidProtocolBufferException expected) {
                return b;
            }
        }
    }

    private static byte[] field(int number, ByteString value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeBytes(number, value);
        c.flush();
        return out.toByteArray();
    }

    private static Struct nested(int depth) {
        Struct s = Struct.newBuilder().putFields("leaf", Value.newBuilder().setStringValue("x").build()).build();
        for (int i = 1; i < depth; i++) {
            s = Struct.newBuilder().putFields("k", Value.newBuilder().setStructValue(s).build()).build();
        }
        return s;
    }

    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };
}

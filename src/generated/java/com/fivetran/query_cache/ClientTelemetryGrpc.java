package com.fivetran.query_cache;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ClientTelemetryGrpc {

  private ClientTelemetryGrpc() {}

  public static final java.lang.String SERVICE_NAME = "com.fivetran.query_cache.ClientTelemetry";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.SessionStartRequest,
      com.fivetran.query_cache.SessionStartResponse> getRegisterSessionStartMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RegisterSessionStart",
      requestType = com.fivetran.query_cache.SessionStartRequest.class,
      responseType = com.fivetran.query_cache.SessionStartResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.SessionStartRequest,
      com.fivetran.query_cache.SessionStartResponse> getRegisterSessionStartMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.SessionStartRequest, com.fivetran.query_cache.SessionStartResponse> getRegisterSessionStartMethod;
    if ((getRegisterSessionStartMethod = ClientTelemetryGrpc.getRegisterSessionStartMethod) == null) {
      synchronized (ClientTelemetryGrpc.class) {
        if ((getRegisterSessionStartMethod = ClientTelemetryGrpc.getRegisterSessionStartMethod) == null) {
          ClientTelemetryGrpc.getRegisterSessionStartMethod = getRegisterSessionStartMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.SessionStartRequest, com.fivetran.query_cache.SessionStartResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RegisterSessionStart"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SessionStartRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SessionStartResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ClientTelemetryMethodDescriptorSupplier("RegisterSessionStart"))
              .build();
        }
      }
    }
    return getRegisterSessionStartMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitTelemetryBatchRequest,
      com.fivetran.query_cache.SubmitTelemetryBatchResponse> getSubmitTelemetryBatchMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SubmitTelemetryBatch",
      requestType = com.fivetran.query_cache.SubmitTelemetryBatchRequest.class,
      responseType = com.fivetran.query_cache.SubmitTelemetryBatchResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitTelemetryBatchRequest,
      com.fivetran.query_cache.SubmitTelemetryBatchResponse> getSubmitTelemetryBatchMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitTelemetryBatchRequest, com.fivetran.query_cache.SubmitTelemetryBatchResponse> getSubmitTelemetryBatchMethod;
    if ((getSubmitTelemetryBatchMethod = ClientTelemetryGrpc.getSubmitTelemetryBatchMethod) == null) {
      synchronized (ClientTelemetryGrpc.class) {
        if ((getSubmitTelemetryBatchMethod = ClientTelemetryGrpc.getSubmitTelemetryBatchMethod) == null) {
          ClientTelemetryGrpc.getSubmitTelemetryBatchMethod = getSubmitTelemetryBatchMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.SubmitTelemetryBatchRequest, com.fivetran.query_cache.SubmitTelemetryBatchResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SubmitTelemetryBatch"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SubmitTelemetryBatchRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SubmitTelemetryBatchResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ClientTelemetryMethodDescriptorSupplier("SubmitTelemetryBatch"))
              .build();
        }
      }
    }
    return getSubmitTelemetryBatchMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ClientTelemetryStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClientTelemetryStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClientTelemetryStub>() {
        @java.lang.Override
        public ClientTelemetryStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClientTelemetryStub(channel, callOptions);
        }
      };
    return ClientTelemetryStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ClientTelemetryBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClientTelemetryBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClientTelemetryBlockingV2Stub>() {
        @java.lang.Override
        public ClientTelemetryBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClientTelemetryBlockingV2Stub(channel, callOptions);
        }
      };
    return ClientTelemetryBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ClientTelemetryBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClientTelemetryBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClientTelemetryBlockingStub>() {
        @java.lang.Override
        public ClientTelemetryBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClientTelemetryBlockingStub(channel, callOptions);
        }
      };
    return ClientTelemetryBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ClientTelemetryFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClientTelemetryFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClientTelemetryFutureStub>() {
        @java.lang.Override
        public ClientTelemetryFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClientTelemetryFutureStub(channel, callOptions);
        }
      };
    return ClientTelemetryFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     */
    @java.lang.Deprecated
    default void registerSessionStart(com.fivetran.query_cache.SessionStartRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SessionStartResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRegisterSessionStartMethod(), responseObserver);
    }

    /**
     */
    default void submitTelemetryBatch(com.fivetran.query_cache.SubmitTelemetryBatchRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitTelemetryBatchResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSubmitTelemetryBatchMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ClientTelemetry.
   */
  public static abstract class ClientTelemetryImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ClientTelemetryGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ClientTelemetry.
   */
  public static final class ClientTelemetryStub
      extends io.grpc.stub.AbstractAsyncStub<ClientTelemetryStub> {
    private ClientTelemetryStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClientTelemetryStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClientTelemetryStub(channel, callOptions);
    }

    /**
     */
    @java.lang.Deprecated
    public void registerSessionStart(com.fivetran.query_cache.SessionStartRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SessionStartResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRegisterSessionStartMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void submitTelemetryBatch(com.fivetran.query_cache.SubmitTelemetryBatchRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitTelemetryBatchResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSubmitTelemetryBatchMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ClientTelemetry.
   */
  public static final class ClientTelemetryBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ClientTelemetryBlockingV2Stub> {
    private ClientTelemetryBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClientTelemetryBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClientTelemetryBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    @java.lang.Deprecated
    public com.fivetran.query_cache.SessionStartResponse registerSessionStart(com.fivetran.query_cache.SessionStartRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRegisterSessionStartMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.SubmitTelemetryBatchResponse submitTelemetryBatch(com.fivetran.query_cache.SubmitTelemetryBatchRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSubmitTelemetryBatchMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ClientTelemetry.
   */
  public static final class ClientTelemetryBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ClientTelemetryBlockingStub> {
    private ClientTelemetryBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClientTelemetryBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClientTelemetryBlockingStub(channel, callOptions);
    }

    /**
     */
    @java.lang.Deprecated
    public com.fivetran.query_cache.SessionStartResponse registerSessionStart(com.fivetran.query_cache.SessionStartRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRegisterSessionStartMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.SubmitTelemetryBatchResponse submitTelemetryBatch(com.fivetran.query_cache.SubmitTelemetryBatchRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSubmitTelemetryBatchMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ClientTelemetry.
   */
  public static final class ClientTelemetryFutureStub
      extends io.grpc.stub.AbstractFutureStub<ClientTelemetryFutureStub> {
    private ClientTelemetryFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClientTelemetryFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClientTelemetryFutureStub(channel, callOptions);
    }

    /**
     */
    @java.lang.Deprecated
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.SessionStartResponse> registerSessionStart(
        com.fivetran.query_cache.SessionStartRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRegisterSessionStartMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.SubmitTelemetryBatchResponse> submitTelemetryBatch(
        com.fivetran.query_cache.SubmitTelemetryBatchRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSubmitTelemetryBatchMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_REGISTER_SESSION_START = 0;
  private static final int METHODID_SUBMIT_TELEMETRY_BATCH = 1;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_REGISTER_SESSION_START:
          serviceImpl.registerSessionStart((com.fivetran.query_cache.SessionStartRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.SessionStartResponse>) responseObserver);
          break;
        case METHODID_SUBMIT_TELEMETRY_BATCH:
          serviceImpl.submitTelemetryBatch((com.fivetran.query_cache.SubmitTelemetryBatchRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitTelemetryBatchResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getRegisterSessionStartMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.SessionStartRequest,
              com.fivetran.query_cache.SessionStartResponse>(
                service, METHODID_REGISTER_SESSION_START)))
        .addMethod(
          getSubmitTelemetryBatchMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.SubmitTelemetryBatchRequest,
              com.fivetran.query_cache.SubmitTelemetryBatchResponse>(
                service, METHODID_SUBMIT_TELEMETRY_BATCH)))
        .build();
  }

  private static abstract class ClientTelemetryBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ClientTelemetryBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.fivetran.query_cache.ClientTelemetryService.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ClientTelemetry");
    }
  }

  private static final class ClientTelemetryFileDescriptorSupplier
      extends ClientTelemetryBaseDescriptorSupplier {
    ClientTelemetryFileDescriptorSupplier() {}
  }

  private static final class ClientTelemetryMethodDescriptorSupplier
      extends ClientTelemetryBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ClientTelemetryMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (ClientTelemetryGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ClientTelemetryFileDescriptorSupplier())
              .addMethod(getRegisterSessionStartMethod())
              .addMethod(getSubmitTelemetryBatchMethod())
              .build();
        }
      }
    }
    return result;
  }
}

package com.fivetran.query_cache;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class SelectorServiceGrpc {

  private SelectorServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "com.fivetran.query_cache.SelectorService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.SelectorRequest,
      com.fivetran.query_cache.SelectorResponse> getGetStateSelectionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetStateSelection",
      requestType = com.fivetran.query_cache.SelectorRequest.class,
      responseType = com.fivetran.query_cache.SelectorResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.SelectorRequest,
      com.fivetran.query_cache.SelectorResponse> getGetStateSelectionMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.SelectorRequest, com.fivetran.query_cache.SelectorResponse> getGetStateSelectionMethod;
    if ((getGetStateSelectionMethod = SelectorServiceGrpc.getGetStateSelectionMethod) == null) {
      synchronized (SelectorServiceGrpc.class) {
        if ((getGetStateSelectionMethod = SelectorServiceGrpc.getGetStateSelectionMethod) == null) {
          SelectorServiceGrpc.getGetStateSelectionMethod = getGetStateSelectionMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.SelectorRequest, com.fivetran.query_cache.SelectorResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetStateSelection"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SelectorRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SelectorResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SelectorServiceMethodDescriptorSupplier("GetStateSelection"))
              .build();
        }
      }
    }
    return getGetStateSelectionMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static SelectorServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SelectorServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SelectorServiceStub>() {
        @java.lang.Override
        public SelectorServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SelectorServiceStub(channel, callOptions);
        }
      };
    return SelectorServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static SelectorServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SelectorServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SelectorServiceBlockingV2Stub>() {
        @java.lang.Override
        public SelectorServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SelectorServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return SelectorServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static SelectorServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SelectorServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SelectorServiceBlockingStub>() {
        @java.lang.Override
        public SelectorServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SelectorServiceBlockingStub(channel, callOptions);
        }
      };
    return SelectorServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static SelectorServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SelectorServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SelectorServiceFutureStub>() {
        @java.lang.Override
        public SelectorServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SelectorServiceFutureStub(channel, callOptions);
        }
      };
    return SelectorServiceFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     */
    default void getStateSelection(com.fivetran.query_cache.SelectorRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SelectorResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetStateSelectionMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service SelectorService.
   */
  public static abstract class SelectorServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return SelectorServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service SelectorService.
   */
  public static final class SelectorServiceStub
      extends io.grpc.stub.AbstractAsyncStub<SelectorServiceStub> {
    private SelectorServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SelectorServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SelectorServiceStub(channel, callOptions);
    }

    /**
     */
    public void getStateSelection(com.fivetran.query_cache.SelectorRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SelectorResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetStateSelectionMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service SelectorService.
   */
  public static final class SelectorServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<SelectorServiceBlockingV2Stub> {
    private SelectorServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SelectorServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SelectorServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.SelectorResponse getStateSelection(com.fivetran.query_cache.SelectorRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetStateSelectionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service SelectorService.
   */
  public static final class SelectorServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<SelectorServiceBlockingStub> {
    private SelectorServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SelectorServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SelectorServiceBlockingStub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.SelectorResponse getStateSelection(com.fivetran.query_cache.SelectorRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetStateSelectionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service SelectorService.
   */
  public static final class SelectorServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<SelectorServiceFutureStub> {
    private SelectorServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SelectorServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SelectorServiceFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.SelectorResponse> getStateSelection(
        com.fivetran.query_cache.SelectorRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetStateSelectionMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_STATE_SELECTION = 0;

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
        case METHODID_GET_STATE_SELECTION:
          serviceImpl.getStateSelection((com.fivetran.query_cache.SelectorRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.SelectorResponse>) responseObserver);
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
          getGetStateSelectionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.SelectorRequest,
              com.fivetran.query_cache.SelectorResponse>(
                service, METHODID_GET_STATE_SELECTION)))
        .build();
  }

  private static abstract class SelectorServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    SelectorServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.fivetran.query_cache.SelectorServiceOuterClass.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("SelectorService");
    }
  }

  private static final class SelectorServiceFileDescriptorSupplier
      extends SelectorServiceBaseDescriptorSupplier {
    SelectorServiceFileDescriptorSupplier() {}
  }

  private static final class SelectorServiceMethodDescriptorSupplier
      extends SelectorServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    SelectorServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (SelectorServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new SelectorServiceFileDescriptorSupplier())
              .addMethod(getGetStateSelectionMethod())
              .build();
        }
      }
    }
    return result;
  }
}

package com.fivetran.query_cache;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ExplainGrpc {

  private ExplainGrpc() {}

  public static final java.lang.String SERVICE_NAME = "com.fivetran.query_cache.Explain";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.GetExplainMessagesRequest,
      com.fivetran.query_cache.GetExplainMessagesResponse> getGetExplainMessagesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetExplainMessages",
      requestType = com.fivetran.query_cache.GetExplainMessagesRequest.class,
      responseType = com.fivetran.query_cache.GetExplainMessagesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.GetExplainMessagesRequest,
      com.fivetran.query_cache.GetExplainMessagesResponse> getGetExplainMessagesMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.GetExplainMessagesRequest, com.fivetran.query_cache.GetExplainMessagesResponse> getGetExplainMessagesMethod;
    if ((getGetExplainMessagesMethod = ExplainGrpc.getGetExplainMessagesMethod) == null) {
      synchronized (ExplainGrpc.class) {
        if ((getGetExplainMessagesMethod = ExplainGrpc.getGetExplainMessagesMethod) == null) {
          ExplainGrpc.getGetExplainMessagesMethod = getGetExplainMessagesMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.GetExplainMessagesRequest, com.fivetran.query_cache.GetExplainMessagesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetExplainMessages"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.GetExplainMessagesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.GetExplainMessagesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExplainMethodDescriptorSupplier("GetExplainMessages"))
              .build();
        }
      }
    }
    return getGetExplainMessagesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.GetUpstreamDependencyChangesRequest,
      com.fivetran.query_cache.GetUpstreamDependencyChangesResponse> getGetUpstreamDependencyChangesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetUpstreamDependencyChanges",
      requestType = com.fivetran.query_cache.GetUpstreamDependencyChangesRequest.class,
      responseType = com.fivetran.query_cache.GetUpstreamDependencyChangesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.GetUpstreamDependencyChangesRequest,
      com.fivetran.query_cache.GetUpstreamDependencyChangesResponse> getGetUpstreamDependencyChangesMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.GetUpstreamDependencyChangesRequest, com.fivetran.query_cache.GetUpstreamDependencyChangesResponse> getGetUpstreamDependencyChangesMethod;
    if ((getGetUpstreamDependencyChangesMethod = ExplainGrpc.getGetUpstreamDependencyChangesMethod) == null) {
      synchronized (ExplainGrpc.class) {
        if ((getGetUpstreamDependencyChangesMethod = ExplainGrpc.getGetUpstreamDependencyChangesMethod) == null) {
          ExplainGrpc.getGetUpstreamDependencyChangesMethod = getGetUpstreamDependencyChangesMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.GetUpstreamDependencyChangesRequest, com.fivetran.query_cache.GetUpstreamDependencyChangesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetUpstreamDependencyChanges"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.GetUpstreamDependencyChangesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.GetUpstreamDependencyChangesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExplainMethodDescriptorSupplier("GetUpstreamDependencyChanges"))
              .build();
        }
      }
    }
    return getGetUpstreamDependencyChangesMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ExplainStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExplainStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExplainStub>() {
        @java.lang.Override
        public ExplainStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExplainStub(channel, callOptions);
        }
      };
    return ExplainStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ExplainBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExplainBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExplainBlockingV2Stub>() {
        @java.lang.Override
        public ExplainBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExplainBlockingV2Stub(channel, callOptions);
        }
      };
    return ExplainBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ExplainBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExplainBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExplainBlockingStub>() {
        @java.lang.Override
        public ExplainBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExplainBlockingStub(channel, callOptions);
        }
      };
    return ExplainBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ExplainFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExplainFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExplainFutureStub>() {
        @java.lang.Override
        public ExplainFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExplainFutureStub(channel, callOptions);
        }
      };
    return ExplainFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     */
    default void getExplainMessages(com.fivetran.query_cache.GetExplainMessagesRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.GetExplainMessagesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetExplainMessagesMethod(), responseObserver);
    }

    /**
     */
    default void getUpstreamDependencyChanges(com.fivetran.query_cache.GetUpstreamDependencyChangesRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.GetUpstreamDependencyChangesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetUpstreamDependencyChangesMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Explain.
   */
  public static abstract class ExplainImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ExplainGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Explain.
   */
  public static final class ExplainStub
      extends io.grpc.stub.AbstractAsyncStub<ExplainStub> {
    private ExplainStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExplainStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExplainStub(channel, callOptions);
    }

    /**
     */
    public void getExplainMessages(com.fivetran.query_cache.GetExplainMessagesRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.GetExplainMessagesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetExplainMessagesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getUpstreamDependencyChanges(com.fivetran.query_cache.GetUpstreamDependencyChangesRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.GetUpstreamDependencyChangesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetUpstreamDependencyChangesMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Explain.
   */
  public static final class ExplainBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ExplainBlockingV2Stub> {
    private ExplainBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExplainBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExplainBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.GetExplainMessagesResponse getExplainMessages(com.fivetran.query_cache.GetExplainMessagesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetExplainMessagesMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.GetUpstreamDependencyChangesResponse getUpstreamDependencyChanges(com.fivetran.query_cache.GetUpstreamDependencyChangesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetUpstreamDependencyChangesMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Explain.
   */
  public static final class ExplainBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ExplainBlockingStub> {
    private ExplainBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExplainBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExplainBlockingStub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.GetExplainMessagesResponse getExplainMessages(com.fivetran.query_cache.GetExplainMessagesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetExplainMessagesMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.GetUpstreamDependencyChangesResponse getUpstreamDependencyChanges(com.fivetran.query_cache.GetUpstreamDependencyChangesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetUpstreamDependencyChangesMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Explain.
   */
  public static final class ExplainFutureStub
      extends io.grpc.stub.AbstractFutureStub<ExplainFutureStub> {
    private ExplainFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExplainFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExplainFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.GetExplainMessagesResponse> getExplainMessages(
        com.fivetran.query_cache.GetExplainMessagesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetExplainMessagesMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.GetUpstreamDependencyChangesResponse> getUpstreamDependencyChanges(
        com.fivetran.query_cache.GetUpstreamDependencyChangesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetUpstreamDependencyChangesMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_EXPLAIN_MESSAGES = 0;
  private static final int METHODID_GET_UPSTREAM_DEPENDENCY_CHANGES = 1;

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
        case METHODID_GET_EXPLAIN_MESSAGES:
          serviceImpl.getExplainMessages((com.fivetran.query_cache.GetExplainMessagesRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.GetExplainMessagesResponse>) responseObserver);
          break;
        case METHODID_GET_UPSTREAM_DEPENDENCY_CHANGES:
          serviceImpl.getUpstreamDependencyChanges((com.fivetran.query_cache.GetUpstreamDependencyChangesRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.GetUpstreamDependencyChangesResponse>) responseObserver);
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
          getGetExplainMessagesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.GetExplainMessagesRequest,
              com.fivetran.query_cache.GetExplainMessagesResponse>(
                service, METHODID_GET_EXPLAIN_MESSAGES)))
        .addMethod(
          getGetUpstreamDependencyChangesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.GetUpstreamDependencyChangesRequest,
              com.fivetran.query_cache.GetUpstreamDependencyChangesResponse>(
                service, METHODID_GET_UPSTREAM_DEPENDENCY_CHANGES)))
        .build();
  }

  private static abstract class ExplainBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ExplainBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.fivetran.query_cache.ExplainService.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Explain");
    }
  }

  private static final class ExplainFileDescriptorSupplier
      extends ExplainBaseDescriptorSupplier {
    ExplainFileDescriptorSupplier() {}
  }

  private static final class ExplainMethodDescriptorSupplier
      extends ExplainBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ExplainMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ExplainGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ExplainFileDescriptorSupplier())
              .addMethod(getGetExplainMessagesMethod())
              .addMethod(getGetUpstreamDependencyChangesMethod())
              .build();
        }
      }
    }
    return result;
  }
}

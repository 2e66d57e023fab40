package com.fivetran.query_cache;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class CloneGrpc {

  private CloneGrpc() {}

  public static final java.lang.String SERVICE_NAME = "com.fivetran.query_cache.Clone";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.CloneRequest,
      com.fivetran.query_cache.CloneResponse> getRegisterCloneMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RegisterClone",
      requestType = com.fivetran.query_cache.CloneRequest.class,
      responseType = com.fivetran.query_cache.CloneResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.CloneRequest,
      com.fivetran.query_cache.CloneResponse> getRegisterCloneMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.CloneRequest, com.fivetran.query_cache.CloneResponse> getRegisterCloneMethod;
    if ((getRegisterCloneMethod = CloneGrpc.getRegisterCloneMethod) == null) {
      synchronized (CloneGrpc.class) {
        if ((getRegisterCloneMethod = CloneGrpc.getRegisterCloneMethod) == null) {
          CloneGrpc.getRegisterCloneMethod = getRegisterCloneMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.CloneRequest, com.fivetran.query_cache.CloneResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RegisterClone"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.CloneRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.CloneResponse.getDefaultInstance()))
              .setSchemaDescriptor(new CloneMethodDescriptorSupplier("RegisterClone"))
              .build();
        }
      }
    }
    return getRegisterCloneMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static CloneStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CloneStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CloneStub>() {
        @java.lang.Override
        public CloneStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CloneStub(channel, callOptions);
        }
      };
    return CloneStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static CloneBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CloneBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CloneBlockingV2Stub>() {
        @java.lang.Override
        public CloneBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CloneBlockingV2Stub(channel, callOptions);
        }
      };
    return CloneBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static CloneBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CloneBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CloneBlockingStub>() {
        @java.lang.Override
        public CloneBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CloneBlockingStub(channel, callOptions);
        }
      };
    return CloneBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static CloneFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CloneFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CloneFutureStub>() {
        @java.lang.Override
        public CloneFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CloneFutureStub(channel, callOptions);
        }
      };
    return CloneFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     */
    default void registerClone(com.fivetran.query_cache.CloneRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.CloneResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRegisterCloneMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Clone.
   */
  public static abstract class CloneImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return CloneGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Clone.
   */
  public static final class CloneStub
      extends io.grpc.stub.AbstractAsyncStub<CloneStub> {
    private CloneStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CloneStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CloneStub(channel, callOptions);
    }

    /**
     */
    public void registerClone(com.fivetran.query_cache.CloneRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.CloneResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRegisterCloneMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Clone.
   */
  public static final class CloneBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<CloneBlockingV2Stub> {
    private CloneBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CloneBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CloneBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.CloneResponse registerClone(com.fivetran.query_cache.CloneRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRegisterCloneMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Clone.
   */
  public static final class CloneBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<CloneBlockingStub> {
    private CloneBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CloneBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CloneBlockingStub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.CloneResponse registerClone(com.fivetran.query_cache.CloneRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRegisterCloneMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Clone.
   */
  public static final class CloneFutureStub
      extends io.grpc.stub.AbstractFutureStub<CloneFutureStub> {
    private CloneFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CloneFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CloneFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.CloneResponse> registerClone(
        com.fivetran.query_cache.CloneRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRegisterCloneMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_REGISTER_CLONE = 0;

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
        case METHODID_REGISTER_CLONE:
          serviceImpl.registerClone((com.fivetran.query_cache.CloneRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.CloneResponse>) responseObserver);
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
          getRegisterCloneMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.CloneRequest,
              com.fivetran.query_cache.CloneResponse>(
                service, METHODID_REGISTER_CLONE)))
        .build();
  }

  private static abstract class CloneBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    CloneBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.fivetran.query_cache.CloneService.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Clone");
    }
  }

  private static final class CloneFileDescriptorSupplier
      extends CloneBaseDescriptorSupplier {
    CloneFileDescriptorSupplier() {}
  }

  private static final class CloneMethodDescriptorSupplier
      extends CloneBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    CloneMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (CloneGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new CloneFileDescriptorSupplier())
              .addMethod(getRegisterCloneMethod())
              .build();
        }
      }
    }
    return result;
  }
}

package com.fivetran.query_cache;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ClientValidationGrpc {

  private ClientValidationGrpc() {}

  public static final java.lang.String SERVICE_NAME = "com.fivetran.query_cache.ClientValidation";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.ValidateClientVersionRequest,
      com.fivetran.query_cache.ValidateClientVersionResponse> getValidateClientVersionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ValidateClientVersion",
      requestType = com.fivetran.query_cache.ValidateClientVersionRequest.class,
      responseType = com.fivetran.query_cache.ValidateClientVersionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.ValidateClientVersionRequest,
      com.fivetran.query_cache.ValidateClientVersionResponse> getValidateClientVersionMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.ValidateClientVersionRequest, com.fivetran.query_cache.ValidateClientVersionResponse> getValidateClientVersionMethod;
    if ((getValidateClientVersionMethod = ClientValidationGrpc.getValidateClientVersionMethod) == null) {
      synchronized (ClientValidationGrpc.class) {
        if ((getValidateClientVersionMethod = ClientValidationGrpc.getValidateClientVersionMethod) == null) {
          ClientValidationGrpc.getValidateClientVersionMethod = getValidateClientVersionMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.ValidateClientVersionRequest, com.fivetran.query_cache.ValidateClientVersionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ValidateClientVersion"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.ValidateClientVersionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.ValidateClientVersionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ClientValidationMethodDescriptorSupplier("ValidateClientVersion"))
              .build();
        }
      }
    }
    return getValidateClientVersionMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ClientValidationStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClientValidationStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClientValidationStub>() {
        @java.lang.Override
        public ClientValidationStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClientValidationStub(channel, callOptions);
        }
      };
    return ClientValidationStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ClientValidationBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClientValidationBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClientValidationBlockingV2Stub>() {
        @java.lang.Override
        public ClientValidationBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClientValidationBlockingV2Stub(channel, callOptions);
        }
      };
    return ClientValidationBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ClientValidationBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClientValidationBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClientValidationBlockingStub>() {
        @java.lang.Override
        public ClientValidationBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClientValidationBlockingStub(channel, callOptions);
        }
      };
    return ClientValidationBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ClientValidationFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ClientValidationFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ClientValidationFutureStub>() {
        @java.lang.Override
        public ClientValidationFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ClientValidationFutureStub(channel, callOptions);
        }
      };
    return ClientValidationFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     */
    default void validateClientVersion(com.fivetran.query_cache.ValidateClientVersionRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.ValidateClientVersionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getValidateClientVersionMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ClientValidation.
   */
  public static abstract class ClientValidationImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ClientValidationGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ClientValidation.
   */
  public static final class ClientValidationStub
      extends io.grpc.stub.AbstractAsyncStub<ClientValidationStub> {
    private ClientValidationStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClientValidationStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClientValidationStub(channel, callOptions);
    }

    /**
     */
    public void validateClientVersion(com.fivetran.query_cache.ValidateClientVersionRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.ValidateClientVersionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getValidateClientVersionMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ClientValidation.
   */
  public static final class ClientValidationBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ClientValidationBlockingV2Stub> {
    private ClientValidationBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClientValidationBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClientValidationBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.ValidateClientVersionResponse validateClientVersion(com.fivetran.query_cache.ValidateClientVersionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getValidateClientVersionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ClientValidation.
   */
  public static final class ClientValidationBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ClientValidationBlockingStub> {
    private ClientValidationBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClientValidationBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClientValidationBlockingStub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.ValidateClientVersionResponse validateClientVersion(com.fivetran.query_cache.ValidateClientVersionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getValidateClientVersionMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ClientValidation.
   */
  public static final class ClientValidationFutureStub
      extends io.grpc.stub.AbstractFutureStub<ClientValidationFutureStub> {
    private ClientValidationFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ClientValidationFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ClientValidationFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.ValidateClientVersionResponse> validateClientVersion(
        com.fivetran.query_cache.ValidateClientVersionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getValidateClientVersionMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_VALIDATE_CLIENT_VERSION = 0;

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
        case METHODID_VALIDATE_CLIENT_VERSION:
          serviceImpl.validateClientVersion((com.fivetran.query_cache.ValidateClientVersionRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.ValidateClientVersionResponse>) responseObserver);
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
          getValidateClientVersionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.ValidateClientVersionRequest,
              com.fivetran.query_cache.ValidateClientVersionResponse>(
                service, METHODID_VALIDATE_CLIENT_VERSION)))
        .build();
  }

  private static abstract class ClientValidationBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ClientValidationBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.fivetran.query_cache.ClientValidationService.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("ClientValidation");
    }
  }

  private static final class ClientValidationFileDescriptorSupplier
      extends ClientValidationBaseDescriptorSupplier {
    ClientValidationFileDescriptorSupplier() {}
  }

  private static final class ClientValidationMethodDescriptorSupplier
      extends ClientValidationBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ClientValidationMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ClientValidationGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ClientValidationFileDescriptorSupplier())
              .addMethod(getValidateClientVersionMethod())
              .build();
        }
      }
    }
    return result;
  }
}

package com.fivetran.query_cache;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ExecutionGrpc {

  private ExecutionGrpc() {}

  public static final java.lang.String SERVICE_NAME = "com.fivetran.query_cache.Execution";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.ConfirmExecutionRequest,
      com.fivetran.query_cache.ConfirmExecutionResponse> getConfirmExecutionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ConfirmExecution",
      requestType = com.fivetran.query_cache.ConfirmExecutionRequest.class,
      responseType = com.fivetran.query_cache.ConfirmExecutionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.ConfirmExecutionRequest,
      com.fivetran.query_cache.ConfirmExecutionResponse> getConfirmExecutionMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.ConfirmExecutionRequest, com.fivetran.query_cache.ConfirmExecutionResponse> getConfirmExecutionMethod;
    if ((getConfirmExecutionMethod = ExecutionGrpc.getConfirmExecutionMethod) == null) {
      synchronized (ExecutionGrpc.class) {
        if ((getConfirmExecutionMethod = ExecutionGrpc.getConfirmExecutionMethod) == null) {
          ExecutionGrpc.getConfirmExecutionMethod = getConfirmExecutionMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.ConfirmExecutionRequest, com.fivetran.query_cache.ConfirmExecutionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ConfirmExecution"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.ConfirmExecutionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.ConfirmExecutionResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionMethodDescriptorSupplier("ConfirmExecution"))
              .build();
        }
      }
    }
    return getConfirmExecutionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.RecordExecutionsRequest,
      com.fivetran.query_cache.RecordExecutionsResponse> getRecordExecutionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RecordExecutions",
      requestType = com.fivetran.query_cache.RecordExecutionsRequest.class,
      responseType = com.fivetran.query_cache.RecordExecutionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.RecordExecutionsRequest,
      com.fivetran.query_cache.RecordExecutionsResponse> getRecordExecutionsMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.RecordExecutionsRequest, com.fivetran.query_cache.RecordExecutionsResponse> getRecordExecutionsMethod;
    if ((getRecordExecutionsMethod = ExecutionGrpc.getRecordExecutionsMethod) == null) {
      synchronized (ExecutionGrpc.class) {
        if ((getRecordExecutionsMethod = ExecutionGrpc.getRecordExecutionsMethod) == null) {
          ExecutionGrpc.getRecordExecutionsMethod = getRecordExecutionsMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.RecordExecutionsRequest, com.fivetran.query_cache.RecordExecutionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RecordExecutions"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.RecordExecutionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.RecordExecutionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionMethodDescriptorSupplier("RecordExecutions"))
              .build();
        }
      }
    }
    return getRecordExecutionsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.ResolveDeferredRelationsRequest,
      com.fivetran.query_cache.ResolveDeferredRelationsResponse> getResolveDeferredRelationsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ResolveDeferredRelations",
      requestType = com.fivetran.query_cache.ResolveDeferredRelationsRequest.class,
      responseType = com.fivetran.query_cache.ResolveDeferredRelationsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.ResolveDeferredRelationsRequest,
      com.fivetran.query_cache.ResolveDeferredRelationsResponse> getResolveDeferredRelationsMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.ResolveDeferredRelationsRequest, com.fivetran.query_cache.ResolveDeferredRelationsResponse> getResolveDeferredRelationsMethod;
    if ((getResolveDeferredRelationsMethod = ExecutionGrpc.getResolveDeferredRelationsMethod) == null) {
      synchronized (ExecutionGrpc.class) {
        if ((getResolveDeferredRelationsMethod = ExecutionGrpc.getResolveDeferredRelationsMethod) == null) {
          ExecutionGrpc.getResolveDeferredRelationsMethod = getResolveDeferredRelationsMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.ResolveDeferredRelationsRequest, com.fivetran.query_cache.ResolveDeferredRelationsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ResolveDeferredRelations"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.ResolveDeferredRelationsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.ResolveDeferredRelationsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionMethodDescriptorSupplier("ResolveDeferredRelations"))
              .build();
        }
      }
    }
    return getResolveDeferredRelationsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.UpdateExecutionMetadataRequest,
      com.fivetran.query_cache.UpdateExecutionMetadataResponse> getUpdateExecutionMetadataMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateExecutionMetadata",
      requestType = com.fivetran.query_cache.UpdateExecutionMetadataRequest.class,
      responseType = com.fivetran.query_cache.UpdateExecutionMetadataResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.UpdateExecutionMetadataRequest,
      com.fivetran.query_cache.UpdateExecutionMetadataResponse> getUpdateExecutionMetadataMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.UpdateExecutionMetadataRequest, com.fivetran.query_cache.UpdateExecutionMetadataResponse> getUpdateExecutionMetadataMethod;
    if ((getUpdateExecutionMetadataMethod = ExecutionGrpc.getUpdateExecutionMetadataMethod) == null) {
      synchronized (ExecutionGrpc.class) {
        if ((getUpdateExecutionMetadataMethod = ExecutionGrpc.getUpdateExecutionMetadataMethod) == null) {
          ExecutionGrpc.getUpdateExecutionMetadataMethod = getUpdateExecutionMetadataMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.UpdateExecutionMetadataRequest, com.fivetran.query_cache.UpdateExecutionMetadataResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateExecutionMetadata"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.UpdateExecutionMetadataRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.UpdateExecutionMetadataResponse.getDefaultInstance()))
              .setSchemaDescriptor(new ExecutionMethodDescriptorSupplier("UpdateExecutionMetadata"))
              .build();
        }
      }
    }
    return getUpdateExecutionMetadataMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ExecutionStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionStub>() {
        @java.lang.Override
        public ExecutionStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionStub(channel, callOptions);
        }
      };
    return ExecutionStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ExecutionBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionBlockingV2Stub>() {
        @java.lang.Override
        public ExecutionBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionBlockingV2Stub(channel, callOptions);
        }
      };
    return ExecutionBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ExecutionBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionBlockingStub>() {
        @java.lang.Override
        public ExecutionBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionBlockingStub(channel, callOptions);
        }
      };
    return ExecutionBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ExecutionFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ExecutionFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ExecutionFutureStub>() {
        @java.lang.Override
        public ExecutionFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ExecutionFutureStub(channel, callOptions);
        }
      };
    return ExecutionFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     */
    default void confirmExecution(com.fivetran.query_cache.ConfirmExecutionRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.ConfirmExecutionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getConfirmExecutionMethod(), responseObserver);
    }

    /**
     */
    default void recordExecutions(com.fivetran.query_cache.RecordExecutionsRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.RecordExecutionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRecordExecutionsMethod(), responseObserver);
    }

    /**
     */
    default void resolveDeferredRelations(com.fivetran.query_cache.ResolveDeferredRelationsRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.ResolveDeferredRelationsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getResolveDeferredRelationsMethod(), responseObserver);
    }

    /**
     */
    default void updateExecutionMetadata(com.fivetran.query_cache.UpdateExecutionMetadataRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.UpdateExecutionMetadataResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateExecutionMetadataMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service Execution.
   */
  public static abstract class ExecutionImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ExecutionGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service Execution.
   */
  public static final class ExecutionStub
      extends io.grpc.stub.AbstractAsyncStub<ExecutionStub> {
    private ExecutionStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionStub(channel, callOptions);
    }

    /**
     */
    public void confirmExecution(com.fivetran.query_cache.ConfirmExecutionRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.ConfirmExecutionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getConfirmExecutionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void recordExecutions(com.fivetran.query_cache.RecordExecutionsRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.RecordExecutionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRecordExecutionsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void resolveDeferredRelations(com.fivetran.query_cache.ResolveDeferredRelationsRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.ResolveDeferredRelationsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getResolveDeferredRelationsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void updateExecutionMetadata(com.fivetran.query_cache.UpdateExecutionMetadataRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.UpdateExecutionMetadataResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateExecutionMetadataMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service Execution.
   */
  public static final class ExecutionBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ExecutionBlockingV2Stub> {
    private ExecutionBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.ConfirmExecutionResponse confirmExecution(com.fivetran.query_cache.ConfirmExecutionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getConfirmExecutionMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.RecordExecutionsResponse recordExecutions(com.fivetran.query_cache.RecordExecutionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRecordExecutionsMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.ResolveDeferredRelationsResponse resolveDeferredRelations(com.fivetran.query_cache.ResolveDeferredRelationsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getResolveDeferredRelationsMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.UpdateExecutionMetadataResponse updateExecutionMetadata(com.fivetran.query_cache.UpdateExecutionMetadataRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateExecutionMetadataMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service Execution.
   */
  public static final class ExecutionBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ExecutionBlockingStub> {
    private ExecutionBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionBlockingStub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.ConfirmExecutionResponse confirmExecution(com.fivetran.query_cache.ConfirmExecutionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getConfirmExecutionMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.RecordExecutionsResponse recordExecutions(com.fivetran.query_cache.RecordExecutionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRecordExecutionsMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.ResolveDeferredRelationsResponse resolveDeferredRelations(com.fivetran.query_cache.ResolveDeferredRelationsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getResolveDeferredRelationsMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.UpdateExecutionMetadataResponse updateExecutionMetadata(com.fivetran.query_cache.UpdateExecutionMetadataRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateExecutionMetadataMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service Execution.
   */
  public static final class ExecutionFutureStub
      extends io.grpc.stub.AbstractFutureStub<ExecutionFutureStub> {
    private ExecutionFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ExecutionFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ExecutionFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.ConfirmExecutionResponse> confirmExecution(
        com.fivetran.query_cache.ConfirmExecutionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getConfirmExecutionMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.RecordExecutionsResponse> recordExecutions(
        com.fivetran.query_cache.RecordExecutionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRecordExecutionsMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.ResolveDeferredRelationsResponse> resolveDeferredRelations(
        com.fivetran.query_cache.ResolveDeferredRelationsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getResolveDeferredRelationsMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.UpdateExecutionMetadataResponse> updateExecutionMetadata(
        com.fivetran.query_cache.UpdateExecutionMetadataRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateExecutionMetadataMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CONFIRM_EXECUTION = 0;
  private static final int METHODID_RECORD_EXECUTIONS = 1;
  private static final int METHODID_RESOLVE_DEFERRED_RELATIONS = 2;
  private static final int METHODID_UPDATE_EXECUTION_METADATA = 3;

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
        case METHODID_CONFIRM_EXECUTION:
          serviceImpl.confirmExecution((com.fivetran.query_cache.ConfirmExecutionRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.ConfirmExecutionResponse>) responseObserver);
          break;
        case METHODID_RECORD_EXECUTIONS:
          serviceImpl.recordExecutions((com.fivetran.query_cache.RecordExecutionsRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.RecordExecutionsResponse>) responseObserver);
          break;
        case METHODID_RESOLVE_DEFERRED_RELATIONS:
          serviceImpl.resolveDeferredRelations((com.fivetran.query_cache.ResolveDeferredRelationsRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.ResolveDeferredRelationsResponse>) responseObserver);
          break;
        case METHODID_UPDATE_EXECUTION_METADATA:
          serviceImpl.updateExecutionMetadata((com.fivetran.query_cache.UpdateExecutionMetadataRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.UpdateExecutionMetadataResponse>) responseObserver);
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
          getConfirmExecutionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.ConfirmExecutionRequest,
              com.fivetran.query_cache.ConfirmExecutionResponse>(
                service, METHODID_CONFIRM_EXECUTION)))
        .addMethod(
          getRecordExecutionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.RecordExecutionsRequest,
              com.fivetran.query_cache.RecordExecutionsResponse>(
                service, METHODID_RECORD_EXECUTIONS)))
        .addMethod(
          getResolveDeferredRelationsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.ResolveDeferredRelationsRequest,
              com.fivetran.query_cache.ResolveDeferredRelationsResponse>(
                service, METHODID_RESOLVE_DEFERRED_RELATIONS)))
        .addMethod(
          getUpdateExecutionMetadataMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.UpdateExecutionMetadataRequest,
              com.fivetran.query_cache.UpdateExecutionMetadataResponse>(
                service, METHODID_UPDATE_EXECUTION_METADATA)))
        .build();
  }

  private static abstract class ExecutionBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    ExecutionBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.fivetran.query_cache.ExecutionService.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("Execution");
    }
  }

  private static final class ExecutionFileDescriptorSupplier
      extends ExecutionBaseDescriptorSupplier {
    ExecutionFileDescriptorSupplier() {}
  }

  private static final class ExecutionMethodDescriptorSupplier
      extends ExecutionBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    ExecutionMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (ExecutionGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new ExecutionFileDescriptorSupplier())
              .addMethod(getConfirmExecutionMethod())
              .addMethod(getRecordExecutionsMethod())
              .addMethod(getResolveDeferredRelationsMethod())
              .addMethod(getUpdateExecutionMetadataMethod())
              .build();
        }
      }
    }
    return result;
  }
}

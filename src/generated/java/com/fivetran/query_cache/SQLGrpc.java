package com.fivetran.query_cache;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class SQLGrpc {

  private SQLGrpc() {}

  public static final java.lang.String SERVICE_NAME = "com.fivetran.query_cache.SQL";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitEnrichedSQLRequest,
      com.fivetran.query_cache.SubmitSQLResponse> getSubmitEnrichedSQLMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SubmitEnrichedSQL",
      requestType = com.fivetran.query_cache.SubmitEnrichedSQLRequest.class,
      responseType = com.fivetran.query_cache.SubmitSQLResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitEnrichedSQLRequest,
      com.fivetran.query_cache.SubmitSQLResponse> getSubmitEnrichedSQLMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitEnrichedSQLRequest, com.fivetran.query_cache.SubmitSQLResponse> getSubmitEnrichedSQLMethod;
    if ((getSubmitEnrichedSQLMethod = SQLGrpc.getSubmitEnrichedSQLMethod) == null) {
      synchronized (SQLGrpc.class) {
        if ((getSubmitEnrichedSQLMethod = SQLGrpc.getSubmitEnrichedSQLMethod) == null) {
          SQLGrpc.getSubmitEnrichedSQLMethod = getSubmitEnrichedSQLMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.SubmitEnrichedSQLRequest, com.fivetran.query_cache.SubmitSQLResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SubmitEnrichedSQL"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SubmitEnrichedSQLRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SubmitSQLResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SQLMethodDescriptorSupplier("SubmitEnrichedSQL"))
              .build();
        }
      }
    }
    return getSubmitEnrichedSQLMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitValuesRequest,
      com.fivetran.query_cache.SubmitSQLResponse> getSubmitValuesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SubmitValues",
      requestType = com.fivetran.query_cache.SubmitValuesRequest.class,
      responseType = com.fivetran.query_cache.SubmitSQLResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitValuesRequest,
      com.fivetran.query_cache.SubmitSQLResponse> getSubmitValuesMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitValuesRequest, com.fivetran.query_cache.SubmitSQLResponse> getSubmitValuesMethod;
    if ((getSubmitValuesMethod = SQLGrpc.getSubmitValuesMethod) == null) {
      synchronized (SQLGrpc.class) {
        if ((getSubmitValuesMethod = SQLGrpc.getSubmitValuesMethod) == null) {
          SQLGrpc.getSubmitValuesMethod = getSubmitValuesMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.SubmitValuesRequest, com.fivetran.query_cache.SubmitSQLResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SubmitValues"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SubmitValuesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SubmitSQLResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SQLMethodDescriptorSupplier("SubmitValues"))
              .build();
        }
      }
    }
    return getSubmitValuesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitEnrichedSQLRequest,
      com.fivetran.query_cache.SubmitSQLSpeculativeResponse> getSubmitEnrichedSQLSpeculativeMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SubmitEnrichedSQLSpeculative",
      requestType = com.fivetran.query_cache.SubmitEnrichedSQLRequest.class,
      responseType = com.fivetran.query_cache.SubmitSQLSpeculativeResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitEnrichedSQLRequest,
      com.fivetran.query_cache.SubmitSQLSpeculativeResponse> getSubmitEnrichedSQLSpeculativeMethod() {
    io.grpc.MethodDescriptor<com.fivetran.query_cache.SubmitEnrichedSQLRequest, com.fivetran.query_cache.SubmitSQLSpeculativeResponse> getSubmitEnrichedSQLSpeculativeMethod;
    if ((getSubmitEnrichedSQLSpeculativeMethod = SQLGrpc.getSubmitEnrichedSQLSpeculativeMethod) == null) {
      synchronized (SQLGrpc.class) {
        if ((getSubmitEnrichedSQLSpeculativeMethod = SQLGrpc.getSubmitEnrichedSQLSpeculativeMethod) == null) {
          SQLGrpc.getSubmitEnrichedSQLSpeculativeMethod = getSubmitEnrichedSQLSpeculativeMethod =
              io.grpc.MethodDescriptor.<com.fivetran.query_cache.SubmitEnrichedSQLRequest, com.fivetran.query_cache.SubmitSQLSpeculativeResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SubmitEnrichedSQLSpeculative"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SubmitEnrichedSQLRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.fivetran.query_cache.SubmitSQLSpeculativeResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SQLMethodDescriptorSupplier("SubmitEnrichedSQLSpeculative"))
              .build();
        }
      }
    }
    return getSubmitEnrichedSQLSpeculativeMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static SQLStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SQLStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SQLStub>() {
        @java.lang.Override
        public SQLStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SQLStub(channel, callOptions);
        }
      };
    return SQLStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static SQLBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SQLBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SQLBlockingV2Stub>() {
        @java.lang.Override
        public SQLBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SQLBlockingV2Stub(channel, callOptions);
        }
      };
    return SQLBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static SQLBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SQLBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SQLBlockingStub>() {
        @java.lang.Override
        public SQLBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SQLBlockingStub(channel, callOptions);
        }
      };
    return SQLBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static SQLFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SQLFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SQLFutureStub>() {
        @java.lang.Override
        public SQLFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SQLFutureStub(channel, callOptions);
        }
      };
    return SQLFutureStub.newStub(factory, channel);
  }

  /**
   */
  public interface AsyncService {

    /**
     */
    default void submitEnrichedSQL(com.fivetran.query_cache.SubmitEnrichedSQLRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitSQLResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSubmitEnrichedSQLMethod(), responseObserver);
    }

    /**
     */
    default void submitValues(com.fivetran.query_cache.SubmitValuesRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitSQLResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSubmitValuesMethod(), responseObserver);
    }

    /**
     */
    default void submitEnrichedSQLSpeculative(com.fivetran.query_cache.SubmitEnrichedSQLRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitSQLSpeculativeResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSubmitEnrichedSQLSpeculativeMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service SQL.
   */
  public static abstract class SQLImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return SQLGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service SQL.
   */
  public static final class SQLStub
      extends io.grpc.stub.AbstractAsyncStub<SQLStub> {
    private SQLStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SQLStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SQLStub(channel, callOptions);
    }

    /**
     */
    public void submitEnrichedSQL(com.fivetran.query_cache.SubmitEnrichedSQLRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitSQLResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSubmitEnrichedSQLMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void submitValues(com.fivetran.query_cache.SubmitValuesRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitSQLResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSubmitValuesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void submitEnrichedSQLSpeculative(com.fivetran.query_cache.SubmitEnrichedSQLRequest request,
        io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitSQLSpeculativeResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSubmitEnrichedSQLSpeculativeMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service SQL.
   */
  public static final class SQLBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<SQLBlockingV2Stub> {
    private SQLBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SQLBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SQLBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.SubmitSQLResponse submitEnrichedSQL(com.fivetran.query_cache.SubmitEnrichedSQLRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSubmitEnrichedSQLMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.SubmitSQLResponse submitValues(com.fivetran.query_cache.SubmitValuesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSubmitValuesMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.SubmitSQLSpeculativeResponse submitEnrichedSQLSpeculative(com.fivetran.query_cache.SubmitEnrichedSQLRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSubmitEnrichedSQLSpeculativeMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service SQL.
   */
  public static final class SQLBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<SQLBlockingStub> {
    private SQLBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SQLBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SQLBlockingStub(channel, callOptions);
    }

    /**
     */
    public com.fivetran.query_cache.SubmitSQLResponse submitEnrichedSQL(com.fivetran.query_cache.SubmitEnrichedSQLRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSubmitEnrichedSQLMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.SubmitSQLResponse submitValues(com.fivetran.query_cache.SubmitValuesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSubmitValuesMethod(), getCallOptions(), request);
    }

    /**
     */
    public com.fivetran.query_cache.SubmitSQLSpeculativeResponse submitEnrichedSQLSpeculative(com.fivetran.query_cache.SubmitEnrichedSQLRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSubmitEnrichedSQLSpeculativeMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service SQL.
   */
  public static final class SQLFutureStub
      extends io.grpc.stub.AbstractFutureStub<SQLFutureStub> {
    private SQLFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SQLFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SQLFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.SubmitSQLResponse> submitEnrichedSQL(
        com.fivetran.query_cache.SubmitEnrichedSQLRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSubmitEnrichedSQLMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.SubmitSQLResponse> submitValues(
        com.fivetran.query_cache.SubmitValuesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSubmitValuesMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<com.fivetran.query_cache.SubmitSQLSpeculativeResponse> submitEnrichedSQLSpeculative(
        com.fivetran.query_cache.SubmitEnrichedSQLRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSubmitEnrichedSQLSpeculativeMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_SUBMIT_ENRICHED_SQL = 0;
  private static final int METHODID_SUBMIT_VALUES = 1;
  private static final int METHODID_SUBMIT_ENRICHED_SQLSPECULATIVE = 2;

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
        case METHODID_SUBMIT_ENRICHED_SQL:
          serviceImpl.submitEnrichedSQL((com.fivetran.query_cache.SubmitEnrichedSQLRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitSQLResponse>) responseObserver);
          break;
        case METHODID_SUBMIT_VALUES:
          serviceImpl.submitValues((com.fivetran.query_cache.SubmitValuesRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitSQLResponse>) responseObserver);
          break;
        case METHODID_SUBMIT_ENRICHED_SQLSPECULATIVE:
          serviceImpl.submitEnrichedSQLSpeculative((com.fivetran.query_cache.SubmitEnrichedSQLRequest) request,
              (io.grpc.stub.StreamObserver<com.fivetran.query_cache.SubmitSQLSpeculativeResponse>) responseObserver);
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
          getSubmitEnrichedSQLMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.SubmitEnrichedSQLRequest,
              com.fivetran.query_cache.SubmitSQLResponse>(
                service, METHODID_SUBMIT_ENRICHED_SQL)))
        .addMethod(
          getSubmitValuesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.SubmitValuesRequest,
              com.fivetran.query_cache.SubmitSQLResponse>(
                service, METHODID_SUBMIT_VALUES)))
        .addMethod(
          getSubmitEnrichedSQLSpeculativeMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.fivetran.query_cache.SubmitEnrichedSQLRequest,
              com.fivetran.query_cache.SubmitSQLSpeculativeResponse>(
                service, METHODID_SUBMIT_ENRICHED_SQLSPECULATIVE)))
        .build();
  }

  private static abstract class SQLBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    SQLBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.fivetran.query_cache.SqlService.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("SQL");
    }
  }

  private static final class SQLFileDescriptorSupplier
      extends SQLBaseDescriptorSupplier {
    SQLFileDescriptorSupplier() {}
  }

  private static final class SQLMethodDescriptorSupplier
      extends SQLBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    SQLMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (SQLGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new SQLFileDescriptorSupplier())
              .addMethod(getSubmitEnrichedSQLMethod())
              .addMethod(getSubmitValuesMethod())
              .addMethod(getSubmitEnrichedSQLSpeculativeMethod())
              .build();
        }
      }
    }
    return result;
  }
}

package org.tdabench.benchmark.doctor;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/** The devices a TensorFlow session sees, through TensorFlow's C API (the Java API does not list them). */
public final class TensorFlowDevices {
  private TensorFlowDevices() {}

  /**
   * One device.
   *
   * @param name e.g. "/job:localhost/replica:0/task:0/device:GPU:0"
   * @param type "CPU" or "GPU"
   * @param memoryBytes memory TensorFlow may use on it (0 for the CPU)
   */
  public record Device(String name, String type, long memoryBytes) {}

  /** TensorFlow's version (loads the native library). */
  public static String version() {
    return TensorFlow.version();
  }

  /**
   * The devices of a fresh session. Its thread counts are pinned to one, as every session of a run:
   * TensorFlow sizes a process-wide thread pool from the first session it creates, so a session with
   * default options (one thread per core) would change the thread count, and the bits, of every
   * later session in this process.
   */
  public static List<Device> list() {
    TensorFlow.version(); // loads the native library
    TF_Status status = TF_NewStatus();
    TF_Graph graph = TF_NewGraph();
    TF_SessionOptions opts = TF_NewSessionOptions();
    TF_Session session = null;
    TF_DeviceList devices = null;
    try {
      byte[] config = ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1)
          .setAllowSoftPlacement(true).build().toByteArray();
      try (BytePointer bp = new BytePointer(config)) {
        TF_SetConfig(opts, bp, config.length, status);
      }
      check(status);
      session = TF_NewSession(graph, opts, status);
      check(status);
      devices = TF_SessionListDevices(session, status);
      check(status);
      List<Device> out = new ArrayList<>();
      int n = TF_DeviceListCount(devices);
      for (int i = 0; i < n; i++) {
        String name = TF_DeviceListName(devices, i, status).getString();
        String type = TF_DeviceListType(devices, i, status).getString();
        long mem = TF_DeviceListMemoryBytes(devices, i, status);
        check(status);
        out.add(new Device(name, type, mem));
      }
      return out;
    } finally {
      if (devices != null) {
        TF_DeleteDeviceList(devices);
      }
      if (session != null) {
        TF_CloseSession(session, status);
        TF_DeleteSession(session, status);
      }
      TF_DeleteSessionOptions(opts);
      TF_DeleteGraph(graph);
      TF_DeleteStatus(status);
    }
  }

  private static void check(TF_Status s) {
    if (TF_GetCode(s) != TF_OK) {
      throw new IllegalStateException("TensorFlow: " + TF_Message(s).getString());
    }
  }
}

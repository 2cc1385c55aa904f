package org.tdabench.methods.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tdabench.core.Progress;

class ProgressSinkTest {
  @Test
  void eachStageIsOneTaskEndedByTheNext() {
    List<String> events = new ArrayList<>();
    Progress.Factory tasks = (task, max, unit, unitSize) -> {
      events.add("start " + task + " /" + max);
      return new Progress() {
        @Override
        public void step(long n) {
          events.add(task + " +" + n);
        }

        @Override
        public void stepTo(long position) {
          events.add(task + " @" + position);
        }

        @Override
        public void maxHint(long m) {}

        @Override
        public void close() {
          events.add("close " + task);
        }
      };
    };
    try (ProgressSink.Tasks sink = ProgressSink.reportingTo(tasks, "trak")) {
      sink.start("gradient features", 40);
      sink.step(10);
      sink.step(40);
      sink.start("kernel", 2);
      sink.step(2);
    }
    assertEquals(List.of("start trak: gradient features /40", "trak: gradient features @10",
        "trak: gradient features @40", "close trak: gradient features", "start trak: kernel /2", "trak: kernel @2",
        "close trak: kernel"), events);
  }
}

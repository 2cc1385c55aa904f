package org.tdabench.benchmark.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tdabench.core.UserError;

/**
 * How jobs become array tasks and what each array asks Slurm for, from the jobs' modelled costs.
 *
 * <ul>
 *   <li><b>Packing</b>: consecutive jobs of one array share a task (one JVM start, run one after
 *       another) until the task's modelled time reaches {@code packSeconds}; a job modelled longer
 *       runs alone.
 *   <li><b>Time</b>: twice the longest task's modelled time, at least {@value #MIN_MINUTES} minutes,
 *       rounded up to whole minutes; or the fixed {@code --time}.
 *   <li><b>Memory</b>: {@value #BASE_MIB} MiB for a JVM with TensorFlow plus 1.25 x the largest
 *       modelled working set (on GPUs, where the working set lives in device memory, 0.25 x), rounded
 *       up to GiB; or the fixed {@code --mem}. The JVM heap ({@code -Xmx}) is half of it: TensorFlow's
 *       tensors live outside the heap.
 * </ul>
 *
 * @param costs the cost model of the jobs
 * @param throughput turns modelled work into seconds
 * @param cpus CPUs per task (also the jobs' TensorFlow thread count)
 * @param gpus GPUs per task (0: CPU only)
 * @param packSeconds target modelled time of a packed task
 * @param fixedTime a time limit for every array (sbatch syntax), or null to model it
 * @param fixedMemory a memory request for every array (sbatch syntax), or null to model it
 * @param capMinutes the partition's time limit: modelled limits above it are cut to it (a
 *     resubmission continues what was cut: trainings resume from their last epoch), 0 for none
 */
public record TaskSizing(CostModel costs, Throughput throughput, int cpus, int gpus, double packSeconds,
    String fixedTime, String fixedMemory, long capMinutes) {
  static final int MIN_MINUTES = 10;
  static final int BASE_MIB = 1536;

  public TaskSizing {
    if (cpus < 1 || gpus < 0 || packSeconds < 0 || capMinutes < 0) {
      throw new IllegalArgumentException("cpus >= 1, gpus >= 0, packSeconds >= 0");
    }
    if (fixedTime != null) {
      parseTime(fixedTime);
    }
    if (fixedMemory != null) {
      parseMemoryMib(fixedMemory);
    }
  }

  /** The modelled seconds of one job on one task's resources. */
  public double seconds(Job job) {
    JobCost c = costs.of(job);
    return gpus > 0 ? throughput.gpuSeconds(c, gpus) : throughput.cpuSeconds(c, cpus);
  }

  /** Jobs (of one array, in order) grouped into tasks. */
  public List<List<Job>> pack(List<Job> jobs) {
    List<List<Job>> tasks = new ArrayList<>();
    List<Job> current = new ArrayList<>();
    double t = 0;
    for (Job j : jobs) {
      current.add(j);
      t += seconds(j);
      if (t >= packSeconds) {
        tasks.add(current);
        current = new ArrayList<>();
        t = 0;
      }
    }
    if (!current.isEmpty()) {
      tasks.add(current);
    }
    return tasks;
  }

  /** What an array of these tasks asks for. */
  public ArrayResources resources(List<List<Job>> tasks) {
    double longest = 0;
    long memory = 0;
    for (List<Job> task : tasks) {
      double s = 0;
      for (Job j : task) {
        s += seconds(j);
        memory = Math.max(memory, costs.of(j).memoryBytes());
      }
      longest = Math.max(longest, s);
    }
    long minutes = fixedTime != null ? parseTime(fixedTime) : Math.max(MIN_MINUTES, (long) Math.ceil(2 * longest / 60));
    if (fixedTime == null && capMinutes > 0) {
      minutes = Math.min(minutes, capMinutes);
    }
    long mib;
    if (fixedMemory != null) {
      mib = parseMemoryMib(fixedMemory);
    } else {
      double share = gpus > 0 ? 0.25 : 1.25;
      long raw = BASE_MIB + (long) Math.ceil(share * memory / (1 << 20));
      mib = (raw + 1023) / 1024 * 1024;
    }
    return new ArrayResources(cpus, gpus, mib, minutes, longest);
  }

  /**
   * Minutes of an sbatch time: "M", "M:S", "H:M:S", "D-H", "D-H:M" or "D-H:M:S" (seconds rounded up).
   *
   * @throws UserError if it is none of these
   */
  public static long parseTime(String t) {
    String s = t.strip();
    long days = 0;
    int dash = s.indexOf('-');
    if (dash > 0) {
      days = parsePart(s.substring(0, dash), t);
      s = s.substring(dash + 1);
    }
    String[] p = s.split(":", -1);
    long h = 0;
    long m = 0;
    long sec = 0;
    if (dash > 0) {
      if (p.length > 3) {
        throw badTime(t);
      }
      h = parsePart(p[0], t);
      m = p.length > 1 ? parsePart(p[1], t) : 0;
      sec = p.length > 2 ? parsePart(p[2], t) : 0;
    } else if (p.length == 1) {
      m = parsePart(p[0], t);
    } else if (p.length == 2) {
      m = parsePart(p[0], t);
      sec = parsePart(p[1], t);
    } else if (p.length == 3) {
      h = parsePart(p[0], t);
      m = parsePart(p[1], t);
      sec = parsePart(p[2], t);
    } else {
      throw badTime(t);
    }
    long minutes = days * 1440 + h * 60 + m + (sec + 59) / 60;
    if (minutes < 1) {
      throw badTime(t);
    }
    return minutes;
  }

  private static long parsePart(String part, String whole) {
    if (!part.matches("\\d{1,6}")) {
      throw badTime(whole);
    }
    return Long.parseLong(part);
  }

  private static UserError badTime(String t) {
    return new UserError("time '" + t + "' is not a Slurm time: use minutes, HH:MM:SS or D-HH:MM:SS (at least 1 minute)");
  }

  /** MiB of an sbatch memory size: a number with an optional K, M (default), G or T suffix. */
  public static long parseMemoryMib(String mem) {
    var m = java.util.regex.Pattern.compile("(\\d{1,9})([KMGT]?)B?").matcher(mem.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new UserError("memory '" + mem + "' is not a Slurm size: use e.g. 8G or 16000M");
    }
    long v = Long.parseLong(m.group(1));
    long mib = switch (m.group(2)) {
      case "K" -> (v + 1023) / 1024;
      case "G" -> v * 1024;
      case "T" -> v * 1024 * 1024;
      default -> v;
    };
    if (mib < 1) {
      throw new UserError("memory '" + mem + "' is less than 1 MiB");
    }
    return mib;
  }

  /** "D-HH:MM:SS" or "HH:MM:SS" of whole minutes. */
  public static String formatTime(long minutes) {
    long d = minutes / 1440;
    long h = minutes % 1440 / 60;
    long m = minutes % 60;
    String hms = String.format(Locale.ROOT, "%02d:%02d:00", h, m);
    return d > 0 ? d + "-" + hms : hms;
  }
}

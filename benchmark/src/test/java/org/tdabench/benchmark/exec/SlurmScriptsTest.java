package org.tdabench.benchmark.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlurmScriptsTest {
  @Test
  void oneArrayPerWaveChainedWithAfterok() {
    JobGraph g = new JobGraph(List.of(
        Job.of("retrain-0", "retrain", Map.of()),
        Job.of("retrain-1", "retrain", Map.of()),
        Job.of("gt", "ground-truth", Map.of()).after("retrain-0", "retrain-1")));
    SlurmConfig cfg = new SlurmConfig("java", "/opt/tdabench/tdabench.jar", "/shared/my store", 2, "16G",
        "02:00:00", "cpu", 8, List.of("--gres=gpu:1"));
    Map<String, String> files = SlurmScripts.generate(g, cfg, "lds");
    assertEquals(List.of("lds-wave00.sbatch", "lds-wave01.sbatch", "submit.sh"), List.copyOf(files.keySet()));
    assertEquals("""
        #!/bin/bash
        #SBATCH --job-name=lds-w0
        #SBATCH --array=0-1%8
        #SBATCH --cpus-per-task=2
        #SBATCH --mem=16G
        #SBATCH --time=02:00:00
        #SBATCH --partition=cpu
        #SBATCH --output=/shared/my store/jobs/logs/%x-%A_%a.log
        #SBATCH --gres=gpu:1
        set -euo pipefail
        ids=(retrain-0 retrain-1)
        exec java -jar /opt/tdabench/tdabench.jar job "${ids[$SLURM_ARRAY_TASK_ID]}" --cache '/shared/my store' --threads 2
        """, files.get("lds-wave00.sbatch"));
    assertEquals("""
        #!/bin/bash
        # Submits the job arrays in dependency order; run from this folder.
        set -euo pipefail
        cd "$(dirname "$0")"
        mkdir -p '/shared/my store/jobs/logs' # Slurm does not create log folders
        w0=$(sbatch --parsable lds-wave00.sbatch)
        echo "submitted lds-wave00.sbatch as ${w0}"
        w1=$(sbatch --parsable --dependency=afterok:${w0%%;*} lds-wave01.sbatch)
        echo "submitted lds-wave01.sbatch as ${w1}"
        """, files.get("submit.sh"));
  }

  @Test
  void quotingAndPathChecks() {
    assertEquals("plain/path-1.jar", SlurmScripts.quote("plain/path-1.jar"));
    assertEquals("'it'\\''s here'", SlurmScripts.quote("it's here"));
    assertThrows(IllegalArgumentException.class, () -> SlurmConfig.defaults("tdabench.jar", "/store"));
  }
}

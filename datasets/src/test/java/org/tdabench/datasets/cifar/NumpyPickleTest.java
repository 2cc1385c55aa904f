package org.tdabench.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pickles written by Python 3 (as the ArtBench archives were), not only Python 2's (CIFAR-10's). */
class NumpyPickleTest {
  /*
   * pickle.dumps({'data': np.arange(6, dtype=np.uint8).reshape(2, 3) * 40, 'labels': [1, 2],
   * 'filenames': ['a.png', 'b.png']}, protocol=P) with Python 3.11 and numpy 2.4.6, for P = 2 and 4.
   */
  static final String PROTOCOL_2 = "80027d7100285804000000646174617101636e756d70792e5f636f72652e6d756c746961727261790a5f"
      + "7265636f6e7374727563740a7102636e756d70790a6e6461727261790a71034b00857104635f636f646563730a656e636f64650a71"
      + "05580100000062710658060000006c6174696e31710786710852710987710a52710b284b014b024b0386710c636e756d70790a6474"
      + "7970650a710d58020000007531710e898887710f527110284b0358010000007c71114e4e4e4affffffff4affffffff4b0074711262"
      + "896805580800000000285078c2a0c388711368078671145271157471166258060000006c6162656c7371175d7118284b014b026558"
      + "0900000066696c656e616d657371195d711a285805000000612e706e67711b5805000000622e706e67711c65752e";
  static final String PROTOCOL_4 = "800495cd000000000000007d94288c0464617461948c166e756d70792e5f636f72652e6d756c7469"
      + "6172726179948c0c5f7265636f6e7374727563749493948c056e756d7079948c076e6461727261799493944b0085944301629487"
      + "945294284b014b024b03869468058c0564747970659493948c02753194898887945294284b038c017c944e4e4e4affffffff4aff"
      + "ffffff4b0074946289430600285078a0c8947494628c066c6162656c73945d94284b014b02658c0966696c656e616d6573945d94"
      + "288c05612e706e67948c05622e706e679465752e";

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void readsPython3Pickles(int protocol) throws Exception {
    byte[] b = HexFormat.of().parseHex(protocol == 2 ? PROTOCOL_2 : PROTOCOL_4);
    Map<String, Object> d = NumpyPickle.loadDict(new ByteArrayInputStream(b));
    NumpyPickle.NdArray a = (NumpyPickle.NdArray) d.get("data");
    assertArrayEquals(new long[] {2, 3}, a.shape());
    assertEquals("u1", a.dtype());
    assertArrayEquals(new byte[] {0, 40, 80, 120, (byte) 160, (byte) 200}, a.data());
    assertArrayEquals(new int[] {1, 2}, NumpyPickle.ints(d.get("labels")));
    assertEquals(List.of("a.png", "b.png"), NumpyPickle.strings(d.get("filenames")));
  }
}

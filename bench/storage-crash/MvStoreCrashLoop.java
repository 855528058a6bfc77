import org.h2.mvstore.*;
import java.util.Random;
/**
 * The same crash loop as MapDbCrashLoop, against H2's MVStore (com.h2database:h2 2.3.232, append-only and
 * copy-on-write): a writer puts items and log records and commits every 1,000 writes until it is killed;
 * "check" opens the file again and reads everything. Args: DIR write|check. Run it by hand, e.g.
 * for i in $(seq 20); do java -cp $H2:. MvStoreCrashLoop d write & p=$!; sleep 2.5; kill -9 $p;
 * java -cp $H2:. MvStoreCrashLoop d check; done
 */
public class MvStoreCrashLoop {
  public static void main(String[] a) throws Exception {
    MVStore s = new MVStore.Builder().fileName(a[0] + "/s.mv").autoCommitDisabled().open();
    MVMap<byte[], byte[]> items = s.openMap("items");
    MVMap<Long, byte[]> log = s.openMap("log");
    if (a[1].equals("check")) {
      long n = 0; for (var e : items.entrySet()) n += e.getValue().length;
      for (var e : log.entrySet()) n += e.getValue().length;
      for (int i = 0; i < 200; i++) items.put(("z" + i).getBytes(), new byte[100]);
      s.commit(); s.close(); System.out.println("OK " + n); return;
    }
    Random r = new Random(); long seq = log.isEmpty() ? 0 : log.lastKey();
    long t0 = System.nanoTime(), ops = 0;
    while (true) {
      for (int i = 0; i < 1000; i++) {
        byte[] k = ("k" + r.nextInt(200000)).getBytes();
        items.get(k); items.put(k, new byte[150 + r.nextInt(200)]); log.put(++seq, new byte[300 + r.nextInt(300)]);
        if (seq % 7 == 0) log.remove(seq - 5000);
        ops++;
      }
      s.commit();
      if (ops % 20000 == 0) System.err.println("us/op " + (System.nanoTime() - t0) / 1000 / ops);
    }
  }
}

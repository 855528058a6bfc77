import org.mapdb.*;
import java.io.File;
import java.util.Random;
/**
 * MapDB's own crash safety, on its own: a writer puts items and log records into a transactional MapDB file
 * (the item store's settings: transactionEnable, memory-mapped; -Dvol=mmap|channel|raf for the others) and
 * commits every 1,000 writes; crash-loop.sh kills it with kill -9 at a random moment and opens the file
 * again. Args: DIR OUTSIDE(true|false) write|check.
 */
public class MapDbCrashLoop {
    public static void main(String[] a) throws Exception {
    File f = new File(a[0], "s.db");
    boolean outside = Boolean.parseBoolean(a[1]);
    DBMaker.Maker m = DBMaker.fileDB(f).transactionEnable();
    String vol = System.getProperty("vol", "mmap-noclear");
    if (vol.equals("mmap-noclear")) m = m.fileMmapEnableIfSupported().fileMmapPreclearDisable();
    if (vol.equals("mmap")) m = m.fileMmapEnableIfSupported();
    if (vol.equals("channel")) m = m.fileChannelEnable();
    DB db = m.make();
    DB.TreeMapMaker<byte[], byte[]> mk = db.treeMap("items", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY);
    DB.TreeMapMaker<Long, byte[]> lk = db.treeMap("log", Serializer.LONG, Serializer.BYTE_ARRAY);
    if (outside) { mk = mk.valuesOutsideNodesEnable(); lk = lk.valuesOutsideNodesEnable(); }
    BTreeMap<byte[], byte[]> items = mk.createOrOpen();
    BTreeMap<Long, byte[]> log = lk.createOrOpen();
    if (a[2].equals("check")) {
      long n = 0, bytes = 0;
      for (var e : items.entrySet()) { n++; bytes += e.getValue().length; }
      for (var e : log.entrySet()) { n++; bytes += e.getValue().length; }
      // also write a bit after reopen, as the service does
      for (int i = 0; i < 200; i++) items.put(("z" + i).getBytes(), new byte[100]);
      db.commit();
      System.out.println("OK " + n + " " + bytes);
      db.close();
      return;
    }
    Random r = new Random();
    long seq = log.isEmpty() ? 0 : log.lastKey();
    while (true) {
      for (int i = 0; i < 1000; i++) {
        byte[] k = ("k" + r.nextInt(200000)).getBytes();
        items.get(k);
        items.put(k, new byte[150 + r.nextInt(200)]);
        log.put(++seq, new byte[300 + r.nextInt(300)]);
        if (r.nextInt(50) == 0) items.remove(("k" + r.nextInt(200000)).getBytes());
        if (seq % 7 == 0) log.remove(seq - 5000);
      }
      db.commit();
    }
  }
}

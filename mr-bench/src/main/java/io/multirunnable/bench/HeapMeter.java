package io.multirunnable.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Heap used by one shot, reported by JMH next to the time as two extra metrics (MiB):
 * {@code peakHeapMiB}, the highest heap occupancy seen (sum of the heap pools' peaks, garbage
 * included, so it depends on -Xmx and the collector), and {@code liveHeapMiB}, the highest heap
 * occupancy right after a garbage collection (what the work really kept alive; 0 when no
 * collection ran). A benchmark method takes this state as a parameter and calls
 * {@link #capture()} at its end.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class HeapMeter {
    /** Highest heap occupancy during the shot, MiB. */
    public long peakHeapMiB;
    /** Highest heap occupancy after a collection during the shot, MiB. */
    public long liveHeapMiB;

    private final AtomicLong liveBytes = new AtomicLong();
    private List<MemoryPoolMXBean> heapPools;
    private Set<String> heapPoolNames;
    private NotificationListener listener;

    @Setup(Level.Iteration)
    public void start() {
        System.gc();
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        liveBytes.set(0);
        peakHeapMiB = 0;
        liveHeapMiB = 0;
        listener = this::onGc;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPoolNames.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        liveBytes.accumulateAndGet(used, Math::max);
    }

    /** Records the shot's figures; call at the end of the measured method. */
    public void capture() {
        long peak = 0;
        for (MemoryPoolMXBean p : heapPools) {
            peak += p.getPeakUsage().getUsed();
        }
        peakHeapMiB = peak >> 20;
        liveHeapMiB = liveBytes.get() >> 20;
    }

    @TearDown(Level.Iteration)
    public void stop() throws Exception {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).removeNotificationListener(listener);
        }
    }
}

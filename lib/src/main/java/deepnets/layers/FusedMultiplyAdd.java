package deepnets.layers;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/**
 * Whether {@code Math.fma} is one processor instruction in this JVM. HotSpot makes it one when its flag UseFMA is
 * on, as it is on every x86 processor since 2013 and every 64-bit ARM one. Without it, {@code Math.fma} is computed
 * in software with big decimals, hundreds of times slower, so the kernels that use it ({@link RowProducts},
 * {@link VectorExp}) fall back to plain multiplies and adds and to {@code Math.exp}: slower, same results to within
 * rounding. Read once, when a kernel first runs (about 20 ms).
 *
 * <p>Library plumbing of the layers; no notebook uses it.
 */
final class FusedMultiplyAdd {

    /** True when {@code Math.fma} is a hardware instruction here; false also on a JVM that is not HotSpot. */
    static final boolean IN_HARDWARE = inHardware();

    private FusedMultiplyAdd() {
    }

    private static boolean inHardware() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm != null && Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError notHotSpot) {
            return false;
        }
    }
}

package io.multirunnable.retry;

import io.multirunnable.internal.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before each retry. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #none()}: retry at once (the default);</li>
 *   <li>{@link #fixed(Duration)}: the same delay before every retry;</li>
 *   <li>{@link #exponential(Duration, double, Duration)}: {@code baseDelay × multiplier^(n-1)}
 *       before retry {@code n}, never more than {@code maxDelay};</li>
 *   <li>{@link #withJitter(double)}: each delay is spread at random by ± the given fraction,
 *       still never more than {@code maxDelay}.</li>
 * </ul>
 *
 * <p>Retry {@code n} is attempt {@code n + 1}: the delay before the second attempt is
 * {@code delayBefore(1, r)}.
 *
 * @since 0.1
 */
public final class Backoff {
    private static final Backoff NONE = new Backoff(Duration.ZERO, 1.0, null, 0.0);

    private final Duration baseDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;

    private Backoff(Duration baseDelay, double multiplier, Duration maxDelay, double jitter) {
        this.baseDelay = baseDelay;
        this.multiplier = multiplier;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
    }

    /** No delay between attempts. */
    public static Backoff none() {
        return NONE;
    }

    /**
     * The same {@code delay} before every retry.
     *
     * @throws IllegalArgumentException "delay must not be null" or "delay must be >= 0 but was PT-1S"
     */
    public static Backoff fixed(Duration delay) {
        Check.notNegative(delay, "delay");
        return new Backoff(delay, 1.0, null, 0.0);
    }

    /** {@link #exponential(Duration, double, Duration)} with multiplier 2 (doubling). */
    public static Backoff exponential(Duration baseDelay, Duration maxDelay) {
        return exponential(baseDelay, 2.0, maxDelay);
    }

    /**
     * {@code baseDelay × multiplier^(n-1)} before retry {@code n}, capped at {@code maxDelay}.
     *
     * @throws IllegalArgumentException if a delay is null or negative ("baseDelay must be >= 0 but
     *     was ..."), if {@code multiplier} is not a finite number >= 1 ("multiplier must be >= 1.0
     *     but was 0.5"), or if {@code maxDelay < baseDelay} ("maxDelay must be >= baseDelay (PT1S)
     *     but was PT0.5S")
     */
    public static Backoff exponential(Duration baseDelay, double multiplier, Duration maxDelay) {
        Check.notNegative(baseDelay, "baseDelay");
        Check.argument(Double.isFinite(multiplier) && multiplier >= 1.0,
                "multiplier must be >= 1.0 but was " + multiplier);
        Check.notNegative(maxDelay, "maxDelay");
        Check.argument(maxDelay.compareTo(baseDelay) >= 0,
                "maxDelay must be >= baseDelay (" + baseDelay + ") but was " + maxDelay);
        return new Backoff(baseDelay, multiplier, maxDelay, 0.0);
    }

    /**
     * This backoff with random jitter: each delay {@code d} becomes a value drawn uniformly from
     * {@code [d × (1 - factor), d × (1 + factor)]}, then capped at {@link #maxDelay()} if set.
     * {@code 0} means no jitter. Jitter on {@link #none()} changes nothing.
     *
     * @throws IllegalArgumentException "jitter must be between 0.0 and 1.0 but was 1.5"
     */
    public Backoff withJitter(double factor) {
        Check.argument(factor >= 0.0 && factor <= 1.0, "jitter must be between 0.0 and 1.0 but was " + factor);
        if (this == NONE) {
            return NONE;
        }
        return new Backoff(baseDelay, multiplier, maxDelay, factor);
    }

    /** The delay before the first retry, before jitter ({@link Duration#ZERO} for {@link #none()}). */
    public Duration baseDelay() {
        return baseDelay;
    }

    /** The growth factor per retry: 1 for none and fixed. */
    public double multiplier() {
        return multiplier;
    }

    /** The cap on every delay, or null if uncapped (none, fixed). */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** The jitter fraction in {@code [0, 1]}. */
    public double jitter() {
        return jitter;
    }

    /**
     * The delay before retry {@code retry} without jitter:
     * {@code min(maxDelay, baseDelay × multiplier^(retry-1))}, rounded to the nearest nanosecond
     * (computed in {@code double}: within 1 ns of the exact value).
     *
     * @throws IllegalArgumentException if {@code retry < 1}
     */
    public Duration nominalDelay(int retry) {
        Check.positive(retry, "retry");
        if (multiplier == 1.0 || baseDelay.isZero()) {
            return cap(baseDelay);
        }
        double nanos = baseDelay.toNanos() * Math.pow(multiplier, retry - 1);
        if (maxDelay != null && nanos >= maxDelay.toNanos()) {
            return maxDelay;
        }
        return Duration.ofNanos(Math.round(nanos)); // Math.round saturates at Long.MAX_VALUE
    }

    /**
     * The delay before retry {@code retry} (1 = before the second attempt), jitter applied with
     * {@code random}, a number in {@code [0, 1)} (the engine passes a fresh random number).
     *
     * @throws IllegalArgumentException if {@code retry < 1} or {@code random} is outside {@code [0, 1)}
     */
    public Duration delayBefore(int retry, double random) {
        Check.argument(random >= 0.0 && random < 1.0, "random must be in [0, 1) but was " + random);
        Duration nominal = nominalDelay(retry);
        if (jitter == 0.0 || nominal.isZero()) {
            return nominal;
        }
        double nanos = nominal.toNanos() * (1.0 + jitter * (2.0 * random - 1.0));
        return cap(Duration.ofNanos(Math.max(0L, Math.round(nanos))));
    }

    private Duration cap(Duration d) {
        return maxDelay != null && d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Backoff b && baseDelay.equals(b.baseDelay) && multiplier == b.multiplier
                && Objects.equals(maxDelay, b.maxDelay) && jitter == b.jitter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseDelay, multiplier, maxDelay, jitter);
    }

    @Override
    public String toString() {
        String s;
        if (this == NONE) {
            return "Backoff.none()";
        } else if (maxDelay == null) {
            s = "Backoff.fixed(" + baseDelay + ")";
        } else {
            s = "Backoff.exponential(" + baseDelay + ", " + multiplier + ", " + maxDelay + ")";
        }
        return jitter == 0.0 ? s : s + ".withJitter(" + jitter + ")";
    }
}

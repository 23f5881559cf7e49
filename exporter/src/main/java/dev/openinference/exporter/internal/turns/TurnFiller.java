/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.exporter.internal.turns;

import dev.openinference.context.internal.RateLimitedLogger;
import dev.openinference.exporter.TraceConfig;
import dev.openinference.exporter.internal.masking.AttributeMasker;
import dev.openinference.processor.internal.ConfigValues;
import dev.openinference.semconv.MimeType;
import dev.openinference.semconv.SemanticConventions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * Fills each turn's root span with the turn's input and output, so a Sessions view (which shows a
 * trace's root {@code input.value} / {@code output.value}) is not blank when the root is an HTTP
 * server span or a framework span.
 *
 * <p>A <em>root</em> is a span with no parent or with a remote parent. When it reaches the exporter
 * without {@code input.value} (or {@code output.value}), it takes one from the spans of its subtree
 * (its local descendants, not crossing into another root's subtree) that were exported before it or
 * in the same batch, choosing input and output separately:
 *
 * <ol>
 *   <li>the closest (fewest hops) AGENT or CHAIN span with a value; at equal distance the one that
 *       started first (input) or ended last (output);
 *   <li>failing that, the model calls (LLM spans): the last user message of the one that started
 *       first (input) and the final assistant text of the one that ended last (output), else that
 *       call's own {@code input.value} / {@code output.value}; a root that is itself a model call
 *       takes its own messages first;
 *   <li>failing that, the closest span of any other kind with a value (a tool, a retriever).
 * </ol>
 *
 * <p>{@code input.mime_type} / {@code output.mime_type} come with the value ({@code text/plain} for
 * message text). A root's own values, and its own mime types, are never overwritten. Everything
 * read here is what translation and masking left, and what is added passes the root's masking
 * again, so filling never un-hides anything.
 *
 * <p><b>Ordering.</b> A root is filled from what was exported before it or with it: a batch span
 * processor exports spans as they end, and a root usually ends last. Spans of a trace that end
 * after their root has been exported cannot change it (it has left); once a root without a parent
 * has been exported, later spans of its trace are not remembered.
 *
 * <p><b>Memory.</b> Until its root is exported, a trace is remembered as a few fields per span
 * (ids, kind, times and references to the value strings): at most {@value #MAX_TRACES} traces,
 * {@value #MAX_SPANS_PER_TRACE} spans per trace, {@value #MAX_SPANS} spans and {@value
 * #MAX_VALUE_CHARS} value characters altogether, each trace for at most {@value #MAX_AGE_SECONDS}
 * seconds after its first span was exported. Past a limit the oldest traces are forgotten first
 * (their roots then stay as they are); spans past a trace's own limit are not remembered.
 *
 * <p>Thread-safe. {@link #fill} never throws: if filling fails, the spans are sent unfilled with a
 * warning.
 *
 * <p>This class is internal and is not intended for public use. Its API may change at any time.
 */
public final class TurnFiller {

  /** The configuration key that turns filling off ({@code false}); default {@code true}. */
  public static final String ENABLED_PROPERTY = "otel.openinference.turns.enabled";

  static final int MAX_TRACES = 4096;
  static final int MAX_SPANS_PER_TRACE = 512;
  static final int MAX_SPANS = 65536;
  static final long MAX_VALUE_CHARS = 8388608L;
  static final long MAX_AGE_SECONDS = 300;

  /** How many exported top-level roots are remembered, so their late spans are not. */
  static final int FINISHED_TRACES = 4096;

  private static final RateLimitedLogger logger = RateLimitedLogger.create(TurnFiller.class);

  private static final AttributeKey<String> INPUT_VALUE = SemanticConventions.INPUT_VALUE;
  private static final AttributeKey<String> INPUT_MIME_TYPE = SemanticConventions.INPUT_MIME_TYPE;
  private static final AttributeKey<String> OUTPUT_VALUE = SemanticConventions.OUTPUT_VALUE;
  private static final AttributeKey<String> OUTPUT_MIME_TYPE = SemanticConventions.OUTPUT_MIME_TYPE;

  private final AttributeMasker masker;
  private final Clock clock;
  private final int maxTraces;
  private final int maxSpansPerTrace;
  private final int maxSpans;
  private final long maxValueChars;
  private final long maxAgeNanos;

  // Insertion order is first-seen order, so the head is always the oldest trace.
  private final LinkedHashMap<String, TraceRecord> traces = new LinkedHashMap<>();
  private final LinkedHashMap<String, Boolean> finished =
      new LinkedHashMap<String, Boolean>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > FINISHED_TRACES;
        }
      };
  private int spanCount;
  private long valueChars;
  private long forgottenTraces;

  private TurnFiller(
      AttributeMasker masker,
      Clock clock,
      int maxTraces,
      int maxSpansPerTrace,
      int maxSpans,
      long maxValueChars,
      long maxAgeNanos) {
    this.masker = masker;
    this.clock = clock;
    this.maxTraces = maxTraces;
    this.maxSpansPerTrace = maxSpansPerTrace;
    this.maxSpans = maxSpans;
    this.maxValueChars = maxValueChars;
    this.maxAgeNanos = maxAgeNanos;
  }

  /** Returns a filler whose additions are masked as {@code config} says, with the limits above. */
  public static TurnFiller create(TraceConfig config) {
    return create(
        config,
        Clock.getDefault(),
        MAX_TRACES,
        MAX_SPANS_PER_TRACE,
        MAX_SPANS,
        MAX_VALUE_CHARS,
        TimeUnit.SECONDS.toNanos(MAX_AGE_SECONDS));
  }

  static TurnFiller create(
      TraceConfig config,
      Clock clock,
      int maxTraces,
      int maxSpansPerTrace,
      int maxSpans,
      long maxValueChars,
      long maxAgeNanos) {
    return new TurnFiller(
        AttributeMasker.create(config),
        clock,
        maxTraces,
        maxSpansPerTrace,
        maxSpans,
        maxValueChars,
        maxAgeNanos);
  }

  /** Whether {@value #ENABLED_PROPERTY} in {@code source} leaves filling on (the default). */
  public static boolean isEnabled(ConfigValues.Source source) {
    Boolean enabled = ConfigValues.getBoolean(source, ENABLED_PROPERTY);
    return enabled == null || enabled;
  }

  /**
   * Returns {@code spans} with their roots filled: the same collection when no root changed. Never
   * throws.
   */
  public Collection<SpanData> fill(Collection<SpanData> spans) {
    try {
      synchronized (this) {
        return fillLocked(spans);
      }
    } catch (RuntimeException e) {
      logger.warning("Could not fill the turns' root spans; sending them as they are", e);
      return spans;
    }
  }

  private Collection<SpanData> fillLocked(Collection<SpanData> spans) {
    long now = clock.nanoTime();
    expire(now);
    // Children first, whatever their order in the batch, so a root sees its whole batch.
    boolean anyRoot = false;
    for (SpanData span : spans) {
      if (SpanRecord.isRoot(span)) {
        anyRoot = true;
      } else {
        remember(span, now);
      }
    }
    if (!anyRoot) {
      return spans;
    }
    List<SpanData> result = null;
    int index = 0;
    for (SpanData span : spans) {
      SpanData out = SpanRecord.isRoot(span) ? finish(span) : span;
      if (result == null && out != span) {
        result = new ArrayList<>(spans.size());
        Iterator<SpanData> earlier = spans.iterator();
        for (int i = 0; i < index; i++) {
          result.add(earlier.next());
        }
      }
      if (result != null) {
        result.add(out);
      }
      index++;
    }
    return result != null ? result : spans;
  }

  private void expire(long now) {
    Iterator<TraceRecord> oldest = traces.values().iterator();
    while (oldest.hasNext()) {
      TraceRecord trace = oldest.next();
      if (now - trace.firstSeenNanos < maxAgeNanos) {
        return;
      }
      oldest.remove();
      forget(trace);
    }
  }

  private void remember(SpanData span, long now) {
    String traceId = span.getTraceId();
    if (finished.containsKey(traceId)) {
      return;
    }
    TraceRecord trace = traces.get(traceId);
    if (trace != null && trace.spans.size() >= maxSpansPerTrace) {
      return;
    }
    while (spanCount >= maxSpans && !traces.isEmpty()) {
      if (forgetOldest() == trace) {
        trace = null;
      }
    }
    if (trace == null) {
      while (traces.size() >= maxTraces && !traces.isEmpty()) {
        forgetOldest();
      }
      trace = new TraceRecord(now);
      traces.put(traceId, trace);
    }
    SpanRecord record = SpanRecord.of(span);
    long chars = record.valueChars();
    if (chars > 0) {
      while (valueChars + chars > maxValueChars && !traces.isEmpty() && oldest() != trace) {
        forgetOldest();
      }
      if (valueChars + chars > maxValueChars) {
        record = record.withoutValues();
        chars = 0;
      }
    }
    SpanRecord previous = trace.spans.put(record.spanId, record);
    if (previous != null) {
      // The same span exported twice: the later copy replaces the earlier.
      spanCount--;
      long previousChars = previous.valueChars();
      trace.valueChars -= previousChars;
      valueChars -= previousChars;
    }
    spanCount++;
    trace.valueChars += chars;
    valueChars += chars;
  }

  @Nullable
  private TraceRecord oldest() {
    Iterator<TraceRecord> it = traces.values().iterator();
    return it.hasNext() ? it.next() : null;
  }

  @Nullable
  private TraceRecord forgetOldest() {
    Iterator<TraceRecord> it = traces.values().iterator();
    if (!it.hasNext()) {
      return null;
    }
    TraceRecord trace = it.next();
    it.remove();
    forget(trace);
    return trace;
  }

  private void forget(TraceRecord trace) {
    spanCount -= trace.spans.size();
    valueChars -= trace.valueChars;
    forgottenTraces++;
  }

  private SpanData finish(SpanData root) {
    String traceId = root.getTraceId();
    TraceRecord trace = traces.get(traceId);
    Map<String, Integer> depths = trace == null ? null : depths(trace, root.getSpanId());
    SpanData out = root;
    Attributes attributes = root.getAttributes();
    boolean needInput = !hasKey(attributes, INPUT_VALUE.getKey());
    boolean needOutput = !hasKey(attributes, OUTPUT_VALUE.getKey());
    if (needInput || needOutput) {
      out = fill(root, SpanRecord.of(root), trace, depths, needInput, needOutput);
    }
    if (trace != null) {
      if (!root.getParentSpanContext().isValid()) {
        // The top of the trace has left: nothing of it can be filled any more, except roots
        // under remote parents of this same trace, which are rare enough to leave unfilled.
        traces.remove(traceId);
        spanCount -= trace.spans.size();
        valueChars -= trace.valueChars;
        finished.put(traceId, Boolean.TRUE);
      } else {
        for (String spanId : depths.keySet()) {
          SpanRecord removed = trace.spans.remove(spanId);
          if (removed != null) {
            spanCount--;
            trace.valueChars -= removed.valueChars();
            valueChars -= removed.valueChars();
          }
        }
        if (trace.spans.isEmpty()) {
          traces.remove(traceId);
        }
      }
    } else if (!root.getParentSpanContext().isValid()) {
      finished.put(traceId, Boolean.TRUE);
    }
    return out;
  }

  /** The depth below {@code rootId} of each remembered span of its subtree. */
  private static Map<String, Integer> depths(TraceRecord trace, String rootId) {
    Map<String, Integer> depths = new HashMap<>();
    Map<String, Boolean> outside = new HashMap<>();
    List<String> path = new ArrayList<>();
    for (SpanRecord start : trace.spans.values()) {
      if (depths.containsKey(start.spanId) || outside.containsKey(start.spanId)) {
        continue;
      }
      path.clear();
      SpanRecord current = start;
      int base = -1;
      // Bounded by the trace's size, so a malformed parent cycle cannot loop forever.
      while (current != null && path.size() <= trace.spans.size()) {
        path.add(current.spanId);
        String parent = current.parentSpanId;
        if (parent == null) {
          break;
        }
        if (parent.equals(rootId)) {
          base = 0;
          break;
        }
        Integer known = depths.get(parent);
        if (known != null) {
          base = known;
          break;
        }
        if (outside.containsKey(parent)) {
          break;
        }
        current = trace.spans.get(parent);
      }
      for (int i = 0; i < path.size(); i++) {
        if (base < 0) {
          outside.put(path.get(i), Boolean.TRUE);
        } else {
          depths.put(path.get(i), base + path.size() - i);
        }
      }
    }
    return depths;
  }

  private SpanData fill(
      SpanData root,
      SpanRecord self,
      @Nullable TraceRecord trace,
      @Nullable Map<String, Integer> depths,
      boolean needInput,
      boolean needOutput) {
    String input = null;
    String inputMime = null;
    String output = null;
    String outputMime = null;
    if (needInput) {
      SpanRecord source = chooseInput(self, trace, depths);
      if (source != null) {
        if (source.rank == SpanRecord.RANK_MODEL_CALL && source.userText != null) {
          input = source.userText;
          inputMime = MimeType.TEXT.getValue();
        } else {
          input = source.inputValue;
          inputMime = source.inputMimeType;
        }
      }
    }
    if (needOutput) {
      SpanRecord source = chooseOutput(self, trace, depths);
      if (source != null) {
        if (source.rank == SpanRecord.RANK_MODEL_CALL && source.assistantText != null) {
          output = source.assistantText;
          outputMime = MimeType.TEXT.getValue();
        } else {
          output = source.outputValue;
          outputMime = source.outputMimeType;
        }
      }
    }
    if (input == null && output == null) {
      return root;
    }
    Attributes attributes = root.getAttributes();
    AttributesBuilder builder = attributes.toBuilder();
    int added = 0;
    if (input != null) {
      added += put(builder, INPUT_VALUE, input);
      if (inputMime != null && !hasKey(attributes, INPUT_MIME_TYPE.getKey())) {
        added += put(builder, INPUT_MIME_TYPE, inputMime);
      }
    }
    if (output != null) {
      added += put(builder, OUTPUT_VALUE, output);
      if (outputMime != null && !hasKey(attributes, OUTPUT_MIME_TYPE.getKey())) {
        added += put(builder, OUTPUT_MIME_TYPE, outputMime);
      }
    }
    return added == 0 ? root : new FilledRootSpanData(root, builder.build(), added);
  }

  /** Whether {@code attributes} has a value named {@code name}, of any type. */
  private static boolean hasKey(Attributes attributes, String name) {
    for (AttributeKey<?> key : attributes.asMap().keySet()) {
      if (key.getKey().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Puts what the root's masking lets through; returns how many attributes were added. */
  private int put(AttributesBuilder builder, AttributeKey<String> key, String value) {
    int action = masker.actionFor(key.getKey(), value);
    if (action == AttributeMasker.DROP) {
      return 0;
    }
    builder.put(key, action == AttributeMasker.KEEP ? value : TraceConfig.REDACTED_VALUE);
    return 1;
  }

  /** Which half of a turn is chosen: the question (earliest first) or the answer (latest). */
  private enum Side {
    INPUT {
      @Override
      @Nullable
      String modelText(SpanRecord span) {
        return span.userText;
      }

      @Override
      @Nullable
      String value(SpanRecord span) {
        return span.inputValue;
      }

      @Override
      boolean preferred(SpanRecord a, SpanRecord b) {
        return startsFirst(a, b);
      }
    },
    OUTPUT {
      @Override
      @Nullable
      String modelText(SpanRecord span) {
        return span.assistantText;
      }

      @Override
      @Nullable
      String value(SpanRecord span) {
        return span.outputValue;
      }

      @Override
      boolean preferred(SpanRecord a, SpanRecord b) {
        return endsLast(a, b);
      }
    };

    @Nullable
    abstract String modelText(SpanRecord span);

    @Nullable
    abstract String value(SpanRecord span);

    /** Whether {@code a} beats {@code b} among spans of equal standing. */
    abstract boolean preferred(SpanRecord a, SpanRecord b);
  }

  @Nullable
  private static SpanRecord chooseInput(
      SpanRecord self, @Nullable TraceRecord trace, @Nullable Map<String, Integer> depths) {
    return choose(Side.INPUT, self, trace, depths);
  }

  @Nullable
  private static SpanRecord chooseOutput(
      SpanRecord self, @Nullable TraceRecord trace, @Nullable Map<String, Integer> depths) {
    return choose(Side.OUTPUT, self, trace, depths);
  }

  /**
   * The closest AGENT or CHAIN span with a value, else the first (input) or last (output) model
   * call with text or a value, else the closest other span with a value.
   */
  @Nullable
  private static SpanRecord choose(
      Side side,
      SpanRecord self,
      @Nullable TraceRecord trace,
      @Nullable Map<String, Integer> depths) {
    if (self.rank == SpanRecord.RANK_MODEL_CALL && side.modelText(self) != null) {
      return self;
    }
    if (trace == null || depths == null) {
      return null;
    }
    SpanRecord turnSpan = null;
    SpanRecord modelCall = null;
    SpanRecord other = null;
    int turnDepth = 0;
    int otherDepth = 0;
    for (Map.Entry<String, Integer> entry : depths.entrySet()) {
      SpanRecord span = trace.spans.get(entry.getKey());
      int depth = entry.getValue();
      if (span.rank == SpanRecord.RANK_MODEL_CALL) {
        if ((side.modelText(span) != null || side.value(span) != null)
            && (modelCall == null || side.preferred(span, modelCall))) {
          modelCall = span;
        }
      } else if (side.value(span) != null) {
        if (span.rank == SpanRecord.RANK_AGENT_OR_CHAIN) {
          if (turnSpan == null
              || depth < turnDepth
              || (depth == turnDepth && side.preferred(span, turnSpan))) {
            turnSpan = span;
            turnDepth = depth;
          }
        } else if (other == null
            || depth < otherDepth
            || (depth == otherDepth && side.preferred(span, other))) {
          other = span;
          otherDepth = depth;
        }
      }
    }
    return turnSpan != null ? turnSpan : modelCall != null ? modelCall : other;
  }

  // Ties broken by span id so the choice does not depend on hash order.
  private static boolean startsFirst(SpanRecord a, SpanRecord b) {
    return a.startEpochNanos != b.startEpochNanos
        ? a.startEpochNanos < b.startEpochNanos
        : a.spanId.compareTo(b.spanId) < 0;
  }

  private static boolean endsLast(SpanRecord a, SpanRecord b) {
    return a.endEpochNanos != b.endEpochNanos
        ? a.endEpochNanos > b.endEpochNanos
        : a.spanId.compareTo(b.spanId) > 0;
  }

  /** Forgets everything remembered (at shutdown). */
  public synchronized void clear() {
    traces.clear();
    finished.clear();
    spanCount = 0;
    valueChars = 0;
  }

  /** The number of traces remembered while they wait for their root. */
  public synchronized int getRetainedTraceCount() {
    return traces.size();
  }

  /** The number of spans remembered, over all traces. */
  public synchronized int getRetainedSpanCount() {
    return spanCount;
  }

  /** The number of spans remembered of one trace. */
  synchronized int getRetainedSpanCount(String traceId) {
    TraceRecord trace = traces.get(traceId);
    return trace == null ? 0 : trace.spans.size();
  }

  /** The characters of the value strings remembered, over all traces. */
  public synchronized long getRetainedValueChars() {
    return valueChars;
  }

  /** The number of traces forgotten before their root arrived (age or a limit). */
  public synchronized long getForgottenTraceCount() {
    return forgottenTraces;
  }

  /** The number of exported top-level roots remembered so their late spans are ignored. */
  synchronized int getFinishedTraceCount() {
    return finished.size();
  }

  @Override
  public synchronized String toString() {
    return "TurnFiller{traces="
        + traces.size()
        + ", spans="
        + spanCount
        + ", valueChars="
        + valueChars
        + ", forgottenTraces="
        + forgottenTraces
        + "}";
  }
}

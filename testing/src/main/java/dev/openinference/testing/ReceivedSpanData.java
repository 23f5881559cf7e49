/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.testing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** An immutable {@link SpanData} decoded from an OTLP {@code Span}. */
final class ReceivedSpanData implements SpanData {

  private final String name;
  private final SpanKind kind;
  private final SpanContext spanContext;
  private final SpanContext parentSpanContext;
  private final StatusData status;
  private final long startEpochNanos;
  private final long endEpochNanos;
  private final Attributes attributes;
  private final List<EventData> events;
  private final List<LinkData> links;
  private final int totalAttributeCount;
  private final int totalRecordedEvents;
  private final int totalRecordedLinks;
  private final InstrumentationScopeInfo scope;
  private final Resource resource;

  ReceivedSpanData(
      String name,
      SpanKind kind,
      SpanContext spanContext,
      SpanContext parentSpanContext,
      StatusData status,
      long startEpochNanos,
      long endEpochNanos,
      Attributes attributes,
      List<EventData> events,
      List<LinkData> links,
      int totalAttributeCount,
      int totalRecordedEvents,
      int totalRecordedLinks,
      InstrumentationScopeInfo scope,
      Resource resource) {
    this.name = name;
    this.kind = kind;
    this.spanContext = spanContext;
    this.parentSpanContext = parentSpanContext;
    this.status = status;
    this.startEpochNanos = startEpochNanos;
    this.endEpochNanos = endEpochNanos;
    this.attributes = attributes;
    this.events = Collections.unmodifiableList(new ArrayList<>(events));
    this.links = Collections.unmodifiableList(new ArrayList<>(links));
    this.totalAttributeCount = totalAttributeCount;
    this.totalRecordedEvents = totalRecordedEvents;
    this.totalRecordedLinks = totalRecordedLinks;
    this.scope = scope;
    this.resource = resource;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public SpanKind getKind() {
    return kind;
  }

  @Override
  public SpanContext getSpanContext() {
    return spanContext;
  }

  @Override
  public SpanContext getParentSpanContext() {
    return parentSpanContext;
  }

  @Override
  public StatusData getStatus() {
    return status;
  }

  @Override
  public long getStartEpochNanos() {
    return startEpochNanos;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }

  @Override
  public List<LinkData> getLinks() {
    return links;
  }

  @Override
  public long getEndEpochNanos() {
    return endEpochNanos;
  }

  /** Only ended spans are exported, so a received span has always ended. */
  @Override
  public boolean hasEnded() {
    return true;
  }

  @Override
  public int getTotalRecordedEvents() {
    return totalRecordedEvents;
  }

  @Override
  public int getTotalRecordedLinks() {
    return totalRecordedLinks;
  }

  @Override
  public int getTotalAttributeCount() {
    return totalAttributeCount;
  }

  @Override
  @Deprecated
  public io.opentelemetry.sdk.common.InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return io.opentelemetry.sdk.common.InstrumentationLibraryInfo.create(
        scope.getName(), scope.getVersion(), scope.getSchemaUrl());
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof ReceivedSpanData)) {
      return false;
    }
    ReceivedSpanData that = (ReceivedSpanData) o;
    return name.equals(that.name)
        && kind == that.kind
        && spanContext.equals(that.spanContext)
        && parentSpanContext.equals(that.parentSpanContext)
        && status.equals(that.status)
        && startEpochNanos == that.startEpochNanos
        && endEpochNanos == that.endEpochNanos
        && attributes.equals(that.attributes)
        && events.equals(that.events)
        && links.equals(that.links)
        && totalAttributeCount == that.totalAttributeCount
        && totalRecordedEvents == that.totalRecordedEvents
        && totalRecordedLinks == that.totalRecordedLinks
        && scope.equals(that.scope)
        && resource.equals(that.resource);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        kind,
        spanContext,
        parentSpanContext,
        status,
        startEpochNanos,
        endEpochNanos,
        attributes,
        events,
        links,
        totalAttributeCount,
        totalRecordedEvents,
        totalRecordedLinks,
        scope,
        resource);
  }

  @Override
  public String toString() {
    return "ReceivedSpanData{name="
        + name
        + ", kind="
        + kind
        + ", spanContext="
        + spanContext
        + ", parentSpanContext="
        + parentSpanContext
        + ", status="
        + status
        + ", startEpochNanos="
        + startEpochNanos
        + ", endEpochNanos="
        + endEpochNanos
        + ", attributes="
        + attributes
        + ", totalAttributeCount="
        + totalAttributeCount
        + ", events="
        + events
        + ", totalRecordedEvents="
        + totalRecordedEvents
        + ", links="
        + links
        + ", totalRecordedLinks="
        + totalRecordedLinks
        + ", instrumentationScopeInfo="
        + scope
        + ", resource="
        + resource
        + "}";
  }
}

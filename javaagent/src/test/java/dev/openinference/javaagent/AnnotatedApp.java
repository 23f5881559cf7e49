/*
 * Copyright The OpenInference for Java Authors
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.openinference.javaagent;

import dev.openinference.context.OpenInference;
import dev.openinference.instrumentation.annotations.Agent;
import dev.openinference.instrumentation.annotations.Chain;
import dev.openinference.instrumentation.annotations.ExcludeFromInput;
import dev.openinference.instrumentation.annotations.Llm;
import dev.openinference.instrumentation.annotations.OpenInferenceAnnotations;
import dev.openinference.instrumentation.annotations.OpenInferenceMethodInterceptor;
import dev.openinference.instrumentation.annotations.Tool;
import dev.openinference.instrumentation.annotations.Traced;
import dev.openinference.semconv.OpenInferenceSpanKind;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * The app {@link AnnotationsJavaagentIT} starts under the agent: plain classes with annotated
 * methods, nothing wrapped, no SDK; one support-desk turn inside a session scope, in which the
 * agent method calls its own annotated methods (self-calls a proxy would miss) and an annotated
 * interface method's implementation, then a failing call and an asynchronous one.
 */
public final class AnnotatedApp {

  static final String SESSION = "annotated-session";
  static final String USER = "annotated-user";
  static final String QUESTION = "Where is order o-42?";
  static final String ORDER = "o-42";
  static final String API_KEY = "sk-never-exported";
  static final String STATUS = "shipped";
  static final String ANSWER = "Order o-42 is shipped.";
  static final String DONE = "OPENINFERENCE-ANNOTATED-APP-DONE ";
  static final String FAILURE = "the order service is down";
  static final String PROXY_CLASS = "OPENINFERENCE-ANNOTATED-APP-PUBLIC-PROXY-CLASS ";

  /** An interface whose method carries the annotation; its implementation is what runs. */
  interface Knowledge {
    @Traced(kind = OpenInferenceSpanKind.RETRIEVER, name = "knowledge-search")
    List<String> search(String query);
  }

  /** An interface implemented only by a JDK proxy, as LangChain4j's AI services are. */
  interface Greeter {
    @Agent(name = "greeter-service")
    String greet(String name);
  }

  /**
   * A public interface: the class of its JDK proxy is {@code jdk.proxyN.$ProxyM} in a dynamic
   * module (JDK 16+), a package the agent ignores unless the extension allows it.
   */
  public interface PublicGreeter {
    @Agent(name = "public-greeter-service")
    String greet(String name);
  }

  /** A public interface behind OpenInference's proxy and behind a Spring interface proxy. */
  public interface PublicKnowledge {
    @Traced(kind = OpenInferenceSpanKind.RETRIEVER, name = "public-knowledge-search")
    List<String> search(String query);
  }

  static final class StaticPublicKnowledge implements PublicKnowledge {
    @Override
    public List<String> search(String query) {
      return List.of("Public orders ship within two days.");
    }
  }

  /** Counts down by calling itself. */
  interface Counter {
    @Chain(name = "countdown")
    int countdown(int n);
  }

  static final class RecursiveCounter implements Counter {
    @Override
    public int countdown(int n) {
      return n == 0 ? 0 : countdown(n - 1);
    }
  }

  /** Not final: Spring AOP proxies it by subclassing (CGLIB), as it does a Spring bean. */
  public static class Translator {
    @Chain(name = "translate")
    public String translate(String text) {
      return "translated: " + text;
    }
  }

  static final class StaticKnowledge implements Knowledge {
    @Override
    public List<String> search(String query) {
      return List.of("Orders ship within two days.");
    }
  }

  static final class SupportDesk {
    private final Knowledge knowledge = new StaticKnowledge();

    @Agent(name = "support-desk")
    String answer(String question) {
      String status = lookUp(ORDER, API_KEY);
      List<String> documents = knowledge.search(question);
      return complete(question, status + " " + documents.size());
    }

    @Tool(description = "Looks up the status of an order")
    private String lookUp(String orderId, @ExcludeFromInput String apiKey) {
      return apiKey.isEmpty() ? "unknown" : STATUS;
    }

    @Llm(name = "fake-model")
    String complete(String question, String facts) {
      return ANSWER;
    }

    @Chain
    String escalate(String reason) {
      throw new IllegalStateException(FAILURE);
    }

    @Chain(name = "async-follow-up")
    CompletableFuture<String> followUp(String question) {
      return CompletableFuture.supplyAsync(() -> "follow-up: " + question);
    }

    String notAnnotated(String question) {
      return question;
    }
  }

  public static void main(String[] args) {
    try {
      SupportDesk desk = new SupportDesk();
      String answer;
      try (Scope session = OpenInference.usingSession(SESSION);
          Scope user = OpenInference.usingUser(USER)) {
        answer = desk.answer(QUESTION);
        try {
          desk.escalate("customer is angry");
          throw new AssertionError("escalate did not throw");
        } catch (IllegalStateException expected) {
          // The span records it; the caller still gets it unchanged.
          if (!FAILURE.equals(expected.getMessage())) {
            throw expected;
          }
        }
        desk.followUp(QUESTION).join();
        desk.notAnnotated(QUESTION);
        Knowledge proxied = OpenInferenceAnnotations.proxy(Knowledge.class, new StaticKnowledge());
        proxied.search("via proxy");
        OpenInferenceAnnotations.proxy(Counter.class, new RecursiveCounter()).countdown(2);
        Greeter greeter =
            (Greeter)
                Proxy.newProxyInstance(
                    Greeter.class.getClassLoader(),
                    new Class<?>[] {Greeter.class},
                    (proxy, method, arguments) -> "hello " + arguments[0]);
        greeter.greet("bob");
        PublicGreeter publicGreeter =
            (PublicGreeter)
                Proxy.newProxyInstance(
                    PublicGreeter.class.getClassLoader(),
                    new Class<?>[] {PublicGreeter.class},
                    (proxy, method, arguments) -> "hi " + arguments[0]);
        System.out.println(PROXY_CLASS + publicGreeter.getClass().getName());
        publicGreeter.greet("alice");
        OpenInferenceAnnotations.proxy(PublicKnowledge.class, new StaticPublicKnowledge())
            .search("public via proxy");
        ProxyFactory publicInterfaceProxy = new ProxyFactory(new StaticPublicKnowledge());
        publicInterfaceProxy.addInterface(PublicKnowledge.class);
        publicInterfaceProxy.addAdvice((MethodInterceptor) invocation -> invocation.proceed());
        ((PublicKnowledge) publicInterfaceProxy.getProxy()).search("public via spring proxy");
        translator(OpenInferenceMethodInterceptor.create()).translate("hola");
        // Any other advice, as @Transactional would add.
        translator(invocation -> invocation.proceed()).translate("adios");
        // A Spring interface proxy (a JDK proxy) with another advice in front of the class.
        ProxyFactory interfaceProxy = new ProxyFactory(new StaticKnowledge());
        interfaceProxy.addInterface(Knowledge.class);
        interfaceProxy.addAdvice((MethodInterceptor) invocation -> invocation.proceed());
        ((Knowledge) interfaceProxy.getProxy()).search("via spring interface proxy");
      }
      System.out.println(DONE + answer);
      System.out.flush();
      // Also runs the agent's shutdown hook, which flushes pending spans.
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  private static Translator translator(MethodInterceptor interceptor) {
    ProxyFactory factory = new ProxyFactory(new Translator());
    factory.setProxyTargetClass(true);
    factory.addAdvisor(
        new DefaultPointcutAdvisor(
            new AnnotationMatchingPointcut(null, Chain.class, true), interceptor));
    return (Translator) factory.getProxy();
  }

  private AnnotatedApp() {}
}

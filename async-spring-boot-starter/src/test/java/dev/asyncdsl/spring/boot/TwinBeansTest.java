package dev.asyncdsl.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdsl.AsyncRuntime;
import dev.asyncdsl.spring.boot.app.Mirror;
import dev.asyncdsl.spring.boot.app.MirrorAsync;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.CustomScopeConfigurer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.context.support.SimpleThreadScope;

class TwinBeansTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(AsyncdslAutoConfiguration.class));

  @Test
  void theTwinOfABeanIsABeanRunningTheBeanAsSpringBuiltIt() {
    runner
        .withUserConfiguration(OneMirror.class, CountingProxy.class)
        .run(
            context -> {
              MirrorAsync twin = context.getBean(MirrorAsync.class);
              assertThat(twin.echo("hi").get(10, TimeUnit.SECONDS)).isEqualTo("mirror: hi");
              // The call went through the proxy Spring made of the bean.
              assertThat(context.getBean(CountingProxy.class).calls.get()).isEqualTo(1);
              assertThat(context.getBean(Mirror.class).getClass()).isNotEqualTo(Mirror.class);
              assertThat(context.getBeanNamesForType(MirrorAsync.class))
                  .containsExactly("mirrorAsync");
            });
  }

  @Test
  void severalBeansOfOneClassGiveTwinsQualifiedByTheirNames() {
    runner
        .withUserConfiguration(TwoMirrors.class)
        .run(
            context -> {
              assertThat(context.getBean(SouthUser.class).twin.echo("x").get(10, TimeUnit.SECONDS))
                  .isEqualTo("south: x");
              assertThatThrownBy(() -> context.getBean(MirrorAsync.class))
                  .isInstanceOf(NoUniqueBeanDefinitionException.class);
              assertThat(context.getBeanNamesForType(MirrorAsync.class))
                  .containsExactlyInAnyOrder("northAsync", "southAsync");
            });
  }

  @Test
  void theTwinOfThePrimaryBeanIsPrimary() {
    runner
        .withUserConfiguration(TwoMirrors.class, PrimaryNorth.class)
        .run(
            context ->
                assertThat(context.getBean(MirrorAsync.class).echo("x").get(10, TimeUnit.SECONDS))
                    .isEqualTo("north: x"));
  }

  @Test
  void noBeanIsMadeBeforeItsTwinIsWanted() {
    runner
        .withUserConfiguration(LazyMirror.class)
        .run(
            context -> {
              int before = Mirror.MADE.get();
              assertThat(context).hasNotFailed();
              assertThat(Mirror.MADE.get()).isEqualTo(before);
              context.getBean(MirrorAsync.class);
              assertThat(Mirror.MADE.get()).isEqualTo(before + 1);
            });
  }

  @Test
  void theTwinOfAScopedProxysBeanRunsTheInstanceOfTheCallersScope() {
    runner
        .withUserConfiguration(ThreadScopedMirror.class)
        .run(
            context -> {
              MirrorAsync twin = context.getBean(MirrorAsync.class);
              Mirror callers = (Mirror) context.getBean("scopedTarget.mirror");
              assertThat(twin.echo("x").get(10, TimeUnit.SECONDS)).isEqualTo("mirror: x");
              // The body ran on the caller's instance, not on one of the call's own thread.
              assertThat(callers.lastThread).isNotNull();
              assertThat(context.getBeanNamesForType(MirrorAsync.class))
                  .containsExactly("mirrorAsync");
            });
  }

  @Test
  void theTwinOfAPrototypeBeanIsAPrototypeWrappingANewBean() {
    runner
        .withUserConfiguration(PrototypeMirror.class)
        .run(
            context -> {
              int before = Mirror.MADE.get();
              MirrorAsync first = context.getBean(MirrorAsync.class);
              MirrorAsync second = context.getBean(MirrorAsync.class);
              assertThat(first).isNotSameAs(second);
              assertThat(Mirror.MADE.get()).isEqualTo(before + 2);
            });
  }

  @Test
  void theTwinOfAFactoryBeansObjectWrapsTheObject() {
    runner
        .withUserConfiguration(MirrorFactory.class)
        .run(
            context -> {
              assertThat(context.getBeanNamesForType(MirrorAsync.class))
                  .containsExactly("mirrorAsync");
              assertThat(context.getBean(MirrorAsync.class).echo("x").get(10, TimeUnit.SECONDS))
                  .isEqualTo("made: x");
            });
  }

  @Test
  void aJdkInterfaceProxyCannotBeWrappedAndSaysWhy() {
    runner
        .withUserConfiguration(OneMirror.class, InterfaceProxy.class)
        .run(
            context ->
                assertThatThrownBy(() -> context.getBean(MirrorAsync.class))
                    .isInstanceOf(BeanCreationException.class)
                    .hasMessageContaining("Bean 'mirror' is a ")
                    .hasMessageContaining("JDK interface proxy")
                    .hasMessageContaining("spring.aop.proxy-target-class=true"));
  }

  @Test
  void aTwinTheApplicationDeclaresIsTheOnlyOne() {
    runner
        .withUserConfiguration(OneMirror.class, OwnTwin.class)
        .run(
            context ->
                assertThat(context.getBeanNamesForType(MirrorAsync.class))
                    .containsExactly("handMadeTwin"));
  }

  @Test
  void nothingWhenSwitchedOff() {
    runner
        .withUserConfiguration(OneMirror.class)
        .withPropertyValues("asyncdsl.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(MirrorAsync.class));
  }

  @Test
  void callsRunOnAsyncdslsDefaultExecutorByDefault() {
    runner
        .withUserConfiguration(OneMirror.class)
        .run(
            context -> {
              context.getBean(MirrorAsync.class).echo("x").get(10, TimeUnit.SECONDS);
              Thread ran = context.getBean(Mirror.class).lastThread;
              assertThat(isVirtual(ran)).isEqualTo(AsyncRuntime.usesVirtualThreads());
            });
  }

  @Test
  void callsRunOnBootsApplicationTaskExecutorWhenThePropertyNamesIt() {
    runner
        .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
        .withUserConfiguration(OneMirror.class)
        .withPropertyValues(
            "asyncdsl.executor=applicationTaskExecutor",
            "spring.task.execution.thread-name-prefix=boot-task-")
        .run(
            context -> {
              context.getBean(MirrorAsync.class).echo("x").get(10, TimeUnit.SECONDS);
              assertThat(context.getBean(Mirror.class).lastThread.getName())
                  .startsWith("boot-task-");
            });
  }

  @Test
  void callsRunOnTheApplicationsOwnExecutorWhenThePropertyNamesIt() {
    runner
        .withUserConfiguration(OneMirror.class, OwnExecutor.class)
        .withPropertyValues("asyncdsl.executor=ownExecutor")
        .run(
            context -> {
              context.getBean(MirrorAsync.class).echo("x").get(10, TimeUnit.SECONDS);
              assertThat(context.getBean(Mirror.class).lastThread.getName())
                  .isEqualTo("own-executor");
            });
  }

  @Test
  void anExecutorPropertyNamingNoBeanFailsTheStartSayingWhich() {
    runner
        .withUserConfiguration(OneMirror.class)
        .withPropertyValues("asyncdsl.executor=noSuchExecutor")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "asyncdsl.executor names 'noSuchExecutor', and the context has no bean of"
                            + " that name"));
  }

  @Test
  void anExecutorPropertyNamingABeanThatIsNoExecutorFailsTheStartSayingWhich() {
    runner
        .withUserConfiguration(OneMirror.class)
        .withPropertyValues("asyncdsl.executor=mirror")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageStartingWith(
                        "asyncdsl.executor names 'mirror', a " + Mirror.class.getName())
                    .hasMessageEndingWith("which is no java.util.concurrent.Executor"));
  }

  /** Thread.isVirtual(), which release 17 cannot name. */
  private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
    if (Runtime.version().feature() < 21) {
      return false;
    }
    return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
  }

  @Configuration(proxyBeanMethods = false)
  static class OneMirror {
    @Bean
    Mirror mirror() {
      return new Mirror();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class PrototypeMirror {
    @Bean
    @Scope("prototype")
    Mirror mirror() {
      return new Mirror();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class MirrorFactory {
    @Bean
    FactoryBean<Mirror> mirror() {
      return new FactoryBean<>() {
        @Override
        public Mirror getObject() {
          return new Mirror("made");
        }

        @Override
        public Class<?> getObjectType() {
          return Mirror.class;
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ThreadScopedMirror {
    @Bean
    static CustomScopeConfigurer threadScope() {
      CustomScopeConfigurer scopes = new CustomScopeConfigurer();
      scopes.addScope("thread", new SimpleThreadScope());
      return scopes;
    }

    /** As a request- or session-scoped bean is: its scope is bound to the caller's thread. */
    @Bean
    @Scope(scopeName = "thread", proxyMode = ScopedProxyMode.TARGET_CLASS)
    Mirror mirror() {
      return new Mirror();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class LazyMirror {
    @Bean
    @Lazy
    Mirror mirror() {
      return new Mirror();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoMirrors {
    @Bean
    Mirror north() {
      return new Mirror("north");
    }

    @Bean
    Mirror south() {
      return new Mirror("south");
    }

    @Bean
    SouthUser southUser(@Qualifier("south") MirrorAsync twin) {
      return new SouthUser(twin);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class PrimaryNorth {
    @Bean
    @Primary
    Mirror primaryNorth() {
      return new Mirror("north");
    }
  }

  record SouthUser(MirrorAsync twin) {}

  @Configuration(proxyBeanMethods = false)
  static class OwnTwin {
    @Bean
    MirrorAsync handMadeTwin(Mirror mirror) {
      return new MirrorAsync(mirror);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnExecutor {
    @Bean(destroyMethod = "shutdown")
    ExecutorService ownExecutor() {
      return Executors.newSingleThreadExecutor(task -> new Thread(task, "own-executor"));
    }
  }

  /** Proxies the Mirror bean by subclass, as @Transactional does, counting calls. */
  static class CountingProxy implements BeanPostProcessor {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      if (!(bean instanceof Mirror)) {
        return bean;
      }
      ProxyFactory proxy = new ProxyFactory(bean);
      proxy.setProxyTargetClass(true);
      proxy.addAdvice(
          (MethodInterceptor)
              invocation -> {
                calls.incrementAndGet();
                return invocation.proceed();
              });
      return proxy.getProxy();
    }
  }

  /** Proxies the Mirror bean by interface only, as spring.aop.proxy-target-class=false does. */
  static class InterfaceProxy implements BeanPostProcessor {
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      if (!(bean instanceof Mirror)) {
        return bean;
      }
      ProxyFactory proxy = new ProxyFactory(bean);
      proxy.setInterfaces(Runnable.class);
      proxy.setProxyTargetClass(false);
      return proxy.getProxy();
    }
  }
}

package dev.asyncdsl.spring.boot;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers, for every bean whose class has a generated twin, the twin as a bean: lazy, named after
 * the bean ({@code mirror} gives {@code mirrorAsync}), qualified by the bean's name, primary when
 * the bean is, and wrapping the bean as Spring built it (its proxies included). It reads bean
 * definitions and their predicted types only, so no bean is made early. A class whose twin the
 * application declares as a bean of its own gets none from here.
 */
final class TwinRegistrar
    implements BeanDefinitionRegistryPostProcessor, EnvironmentAware, DisposableBean, Ordered {
  private static final Log log = LogFactory.getLog(TwinRegistrar.class);

  private final TwinCatalog catalog = new TwinCatalog();
  private Environment environment;
  private EnvironmentPolicySource source;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  /** Takes the Environment out of the policy configuration, as the context closes. */
  @Override
  public void destroy() {
    if (source != null) {
      source.uninstall();
      source = null;
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    if (!(registry instanceof ConfigurableListableBeanFactory beanFactory)) {
      return;
    }
    // Before any bean is made, so that a twin class initialised from now on reads it.
    if (source == null && environment instanceof ConfigurableEnvironment configurable) {
      source = EnvironmentPolicySource.install(configurable);
    }
    RootBeanDefinition catalogDefinition = new RootBeanDefinition(TwinCatalog.class);
    catalogDefinition.setInstanceSupplier(() -> catalog);
    catalogDefinition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
    registry.registerBeanDefinition(AsyncdslAutoConfiguration.TWIN_CATALOG, catalogDefinition);
    Map<String, Class<?>> candidates = new LinkedHashMap<>();
    Set<Class<?>> declared = new HashSet<>();
    for (String name : registry.getBeanDefinitionNames()) {
      BeanDefinition definition = registry.getBeanDefinition(name);
      if (definition.isAbstract() || ScopedProxyUtils.isScopedTarget(name)) {
        continue;
      }
      // A scoped proxy (request, session, a scope of the application's) stands for its target.
      String scopedTarget = ScopedProxyUtils.getTargetBeanName(name);
      boolean scoped = registry.containsBeanDefinition(scopedTarget);
      Class<?> type = beanFactory.getType(scoped ? scopedTarget : name, false);
      if (type == null) {
        continue;
      }
      Class<?> userClass = ClassUtils.getUserClass(type);
      declared.add(userClass);
      if (definition.getRole() == BeanDefinition.ROLE_APPLICATION) {
        candidates.put(name, userClass);
      }
    }
    for (Map.Entry<String, Class<?>> candidate : candidates.entrySet()) {
      Class<?> twin = TwinCatalog.twinOf(candidate.getValue());
      if (twin == null) {
        continue;
      }
      if (declared.contains(twin)) {
        log.debug(
            "The application declares a bean of "
                + twin.getName()
                + ": no twin is registered for bean '"
                + candidate.getKey()
                + "'");
        continue;
      }
      register(registry, beanFactory, candidate.getKey(), candidate.getValue(), twin);
    }
  }

  private void register(
      BeanDefinitionRegistry registry,
      ConfigurableListableBeanFactory beanFactory,
      String target,
      Class<?> targetClass,
      Class<?> twin) {
    String name = target + "Async";
    if (registry.containsBeanDefinition(name)) {
      log.warn(
          "No twin bean for bean '"
              + target
              + "': the name '"
              + name
              + "' is taken; declare `new "
              + twin.getSimpleName()
              + "("
              + target
              + ")` as a bean yourself");
      return;
    }
    Constructor<?> constructor = TwinCatalog.constructor(twin, targetClass);
    BeanDefinition targetDefinition = beanFactory.getMergedBeanDefinition(target);
    // The twin of a scoped proxy has the target's scope and wraps the target of the scope it is
    // made in: the call's body runs on other threads, where the proxy would find another instance
    // (a thread-bound scope's) or no active scope at all (a request's).
    String scopedTarget = ScopedProxyUtils.getTargetBeanName(target);
    String wrapped = registry.containsBeanDefinition(scopedTarget) ? scopedTarget : target;
    String scope = beanFactory.getMergedBeanDefinition(wrapped).getScope();
    RootBeanDefinition definition = new RootBeanDefinition(twin);
    definition.setInstanceSupplier(
        () -> newTwin(beanFactory, name, wrapped, targetClass, constructor));
    definition.setLazyInit(true);
    definition.setScope(scope);
    definition.setPrimary(targetDefinition.isPrimary());
    definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, target));
    definition.setDependsOn(AsyncdslAutoConfiguration.CALL_GATE);
    registry.registerBeanDefinition(name, definition);
    catalog.add(target, name, twin);
  }

  private static Object newTwin(
      BeanFactory beanFactory,
      String name,
      String target,
      Class<?> targetClass,
      Constructor<?> constructor) {
    Object bean = beanFactory.getBean(target);
    if (!targetClass.isInstance(bean)) {
      throw new BeanCreationException(
          name,
          "Bean '"
              + target
              + "' is a "
              + bean.getClass().getName()
              + ", not a "
              + targetClass.getName()
              + " (a JDK interface proxy?): its twin "
              + constructor.getDeclaringClass().getSimpleName()
              + " can only wrap the class. Proxy classes, not interfaces"
              + " (spring.aop.proxy-target-class=true, Boot's default).");
    }
    Executor executor =
        beanFactory.getBean(AsyncdslAutoConfiguration.CALL_GATE, CallGate.class).executor();
    try {
      return constructor.newInstance(bean, executor);
    } catch (InvocationTargetException thrown) {
      if (thrown.getCause() instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw new BeanInstantiationException(constructor, "twin constructor failed", thrown);
    } catch (ReflectiveOperationException impossible) {
      throw new BeanInstantiationException(constructor, "twin constructor failed", impossible);
    }
  }

  /** The twins registered in one context. */
  static final class TwinCatalog {
    private final List<Entry> entries = new ArrayList<>();

    /** A twin bean and the bean it wraps. */
    record Entry(String target, String name, Class<?> twin) {}

    synchronized void add(String target, String name, Class<?> twin) {
      entries.add(new Entry(target, name, twin));
    }

    synchronized List<Entry> entries() {
      return List.copyOf(entries);
    }

    /** The distinct twin classes, for the start-up check. */
    synchronized Class<?>[] twinClasses() {
      return entries.stream().map(Entry::twin).distinct().toArray(Class<?>[]::new);
    }

    /**
     * The twin the processor generates for {@code type}, in its package, named after its chain of
     * enclosing types ({@code Outer.Inner} gives {@code Outer_InnerAsync}); null when it has none.
     * The class is loaded, not initialised.
     */
    static Class<?> twinOf(Class<?> type) {
      if (type.isInterface()
          || type.isAnonymousClass()
          || type.isLocalClass()
          || type.isArray()
          || type.isPrimitive()) {
        return null;
      }
      StringBuilder name = new StringBuilder();
      for (Class<?> at = type; at != null; at = at.getEnclosingClass()) {
        if (at != type && (at.isAnonymousClass() || at.isLocalClass())) {
          return null;
        }
        name.insert(0, name.length() == 0 ? at.getSimpleName() : at.getSimpleName() + "_");
      }
      String packageName = type.getPackageName();
      String twinName =
          (packageName.isEmpty() ? "" : packageName + ".") + name.append("Async").toString();
      Class<?> twin;
      try {
        twin = Class.forName(twinName, false, type.getClassLoader());
      } catch (ClassNotFoundException | LinkageError none) {
        return null;
      }
      return constructor(twin, type) == null ? null : twin;
    }

    /** The twin's {@code (Target, Executor)} constructor, or null when it has none. */
    static Constructor<?> constructor(Class<?> twin, Class<?> target) {
      try {
        Constructor<?> constructor = twin.getDeclaredConstructor(target, Executor.class);
        if (!Modifier.isPublic(constructor.getModifiers())
            || !Modifier.isPublic(twin.getModifiers())) {
          constructor.setAccessible(true);
        }
        return constructor;
      } catch (NoSuchMethodException | SecurityException none) {
        return null;
      }
    }
  }
}

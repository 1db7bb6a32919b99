package dev.asyncdsl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules between the API package and the runtime's internal packages, which the package docs
 * describe: the timer and the context room know nothing of calls, the policy primitives nothing of
 * calls, lower rooms never use higher ones (timer, context < call < policy), machinery never calls
 * a facade, the API reaches the machinery only through its four facades, the SPI only through the
 * context room's registry, and the module exports the API and the SPI alone. The Flight Recorder
 * room is a listener like any other, beside the event room: it alone names {@code jdk.jfr} types,
 * and the runtime reaches it only through its hook, which names none, so a JVM without the module
 * never loads one.
 */
class ArchitectureTest {
  private static final String API = "dev.asyncdsl";
  private static final String CALL = "dev.asyncdsl.internal";
  private static final String POLICY = "dev.asyncdsl.internal.policy";
  private static final String TIMER = "dev.asyncdsl.internal.timer";
  private static final String CONTEXT = "dev.asyncdsl.internal.context";
  private static final String EVENT = "dev.asyncdsl.internal.event";
  private static final String REGISTRY = "dev.asyncdsl.internal.registry";
  private static final String CONFIG = "dev.asyncdsl.internal.config";
  private static final String SPI = "dev.asyncdsl.spi";
  private static final String JFR = "dev.asyncdsl.internal.jfr";
  private static final String JFR_HOOK = JFR + ".FlightRecorderHook";
  private static final String JDK_JFR = "jdk.jfr..";

  /** The API classes with behaviour; the only ones that may use the machinery. */
  private static final Set<String> FACADES =
      Set.of("AsyncRuntime", "FaultTolerance", "Gather", "PolicyConfig", "Tasks").stream()
          .map(name -> API + "." + name)
          .collect(Collectors.toSet());

  private static JavaClasses runtime;

  @BeforeAll
  static void importRuntime() {
    runtime =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(API);
  }

  @Test
  void theTimerDependsOnNothingButItselfAndTheJdk() {
    classes()
        .that()
        .resideInAPackage(TIMER)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(TIMER, "java..")
        .check(runtime);
  }

  @Test
  void theContextRoomDependsOnNothingButItselfTheSpiAndTheJdk() {
    classes()
        .that()
        .resideInAPackage(CONTEXT)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(CONTEXT, SPI, REGISTRY, "java..")
        .check(runtime);
  }

  @Test
  void theRegistryRoomDependsOnNothingButItselfAndTheJdk() {
    classes()
        .that()
        .resideInAPackage(REGISTRY)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(REGISTRY, "java..")
        .check(runtime);
  }

  @Test
  void theConfigRoomDependsOnNothingButItselfAndTheJdk() {
    classes()
        .that()
        .resideInAPackage(CONFIG)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(CONFIG, "java..")
        .check(runtime);
  }

  @Test
  void theEventRoomKnowsTheApisValuesTheSpiAndTheRegistryButNoCall() {
    classes()
        .that()
        .resideInAPackage(EVENT)
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage(EVENT, REGISTRY, SPI, API, "java..")
                .or(JavaClass.Predicates.simpleName("FlightRecorderHook").and(inJfrRoom())))
        .check(runtime);
  }

  @Test
  void theJfrRoomKnowsTheSpiTheApisValuesTheListenerListAndJdkJfr() {
    classes()
        .that()
        .resideInAPackage(JFR)
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideInAnyPackage(JFR, SPI, API, JDK_JFR, "java..")
                .or(
                    DescribedPredicate.describe(
                        "a public type of the event room",
                        c ->
                            c.getPackageName().equals(EVENT)
                                && c.getModifiers().contains(JavaModifier.PUBLIC))))
        .check(runtime);
  }

  @Test
  void theJfrRoomCallsOnlyTheAccessorsOfAFacade() {
    Set<String> accessors = Set.of("asyncMethod", "hasOwnState");
    noClasses()
        .that()
        .resideInAPackage(JFR)
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "the method is one of a facade, other than FaultTolerance's " + accessors,
                (JavaMethodCall call) ->
                    FACADES.contains(call.getTargetOwner().getName())
                        && !(call.getTargetOwner().getName().equals(API + ".FaultTolerance")
                            && accessors.contains(call.getName()))))
        .check(runtime);
  }

  @Test
  void onlyTheJfrRoomNamesJdkJfrTypes() {
    noClasses()
        .that()
        .resideOutsideOfPackage(JFR)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(JDK_JFR)
        .check(runtime);
  }

  @Test
  void theJfrHookNamesNoJdkJfrTypeAndIsTheRoomsOnlyDoor() {
    noClasses()
        .that()
        .haveFullyQualifiedName(JFR_HOOK)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(JDK_JFR)
        .check(runtime);
    noClasses()
        .that()
        .resideOutsideOfPackage(JFR)
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "a class of the jfr room other than its hook",
                c -> inJfrRoom().test(c) && !c.getName().equals(JFR_HOOK)))
        .check(runtime);
  }

  @Test
  void theSpiReachesNothingButTheContextRegistryAndTheJdk() {
    classes()
        .that()
        .resideInAPackage(SPI)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(SPI, CONTEXT, EVENT, API, "java..")
        .check(runtime);
  }

  @Test
  void theCallPackageDoesNotUseThePolicyPackage() {
    noClasses()
        .that()
        .resideInAPackage(CALL)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(POLICY)
        .check(runtime);
  }

  @Test
  void thePolicyPrimitivesKnowNothingOfCalls() {
    DescribedPredicate<JavaClass> primitive =
        DescribedPredicate.describe(
            "a policy primitive (Circuit, BulkheadSlots)",
            c ->
                c.getPackageName().equals(POLICY)
                    && (isOrIsNestedIn(c, POLICY + ".Circuit")
                        || isOrIsNestedIn(c, POLICY + ".BulkheadSlots")));
    classes()
        .that(primitive)
        .should()
        .onlyDependOnClassesThat(
            DescribedPredicate.describe(
                "the JDK, the API's vocabulary or another primitive",
                c ->
                    c.getPackageName().startsWith("java")
                        || c.getPackageName().equals(API)
                        || primitive.test(c)
                        || c.isPrimitive()
                        || (c.isArray()
                            && (c.getBaseComponentType().getPackageName().startsWith("java")
                                || primitive.test(c.getBaseComponentType())))))
        .check(runtime);
  }

  @Test
  void noInternalPackageCallsAFacade() {
    // The Flight Recorder room is a listener, which reads the policies it is told of (its own rule
    // above), not machinery.
    noClasses()
        .that()
        .resideInAPackage(CALL + "..")
        .and()
        .resideOutsideOfPackage(JFR)
        .should()
        .callMethodWhere(
            DescribedPredicate.describe(
                "the method is one of a facade (AsyncRuntime, FaultTolerance, Gather, Tasks)",
                (JavaMethodCall call) -> FACADES.contains(call.getTargetOwner().getName())))
        .check(runtime);
  }

  @Test
  void theApiReachesTheMachineryOnlyThroughItsFacades() {
    noClasses()
        .that()
        .resideInAPackage(API)
        .and(
            DescribedPredicate.not(
                DescribedPredicate.describe(
                    "a facade or a type nested in one",
                    c -> FACADES.stream().anyMatch(facade -> isOrIsNestedIn(c, facade)))))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(CALL + "..")
        .check(runtime);
  }

  @Test
  void theModuleExportsTheApiAndTheSpiAlone() throws Exception {
    URL classes = AsyncRuntime.class.getProtectionDomain().getCodeSource().getLocation();
    Path descriptor = Path.of(classes.toURI()).resolve("module-info.class");
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(descriptor)) {
      module = ModuleDescriptor.read(in);
    }
    assertEquals("dev.asyncdsl", module.name());
    assertEquals(
        Set.of(API, SPI),
        module.exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet()));
    assertTrue(
        module.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified),
        "a qualified export");
    assertTrue(module.opens().isEmpty(), "opens " + module.opens());
    assertTrue(!module.isOpen(), "an open module");
    assertEquals(Set.of(SPI + ".ContextPropagator", SPI + ".CallListener"), module.uses());
    // java.base, and jdk.jfr for the Flight Recorder events only where the image has it.
    assertEquals(
        Set.of("java.base", "jdk.jfr"),
        module.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()),
        "requires " + module.requires());
    assertTrue(
        module.requires().stream()
            .filter(r -> r.name().equals("jdk.jfr"))
            .allMatch(r -> r.modifiers().equals(Set.of(ModuleDescriptor.Requires.Modifier.STATIC))),
        "jdk.jfr is not required statically alone: " + module.requires());
  }

  private static DescribedPredicate<JavaClass> inJfrRoom() {
    return DescribedPredicate.describe("in the jfr room", c -> c.getPackageName().equals(JFR));
  }

  private static boolean isOrIsNestedIn(JavaClass c, String outer) {
    return c.getName().equals(outer) || c.getName().startsWith(outer + "$");
  }
}

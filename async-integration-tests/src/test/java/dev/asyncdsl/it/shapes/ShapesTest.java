package dev.asyncdsl.it.shapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every legal shape of user code, compiled through the processor and its twin called. */
@org.junit.jupiter.api.Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShapesTest {

  @Test
  void genericClassKeepsItsTypeVariables() {
    CacheAsync<String, Integer> cache = new CacheAsync<>(new Cache<String, Integer>());
    cache.put("a", 1).join();
    assertEquals(1, cache.get("a").join());
    String described = cache.<String>transform("a", value -> "value " + value).join();
    assertEquals("value 1", described);
  }

  @Test
  void recursiveBoundsWildcardsArraysAndVarargs() {
    NodeAsync<Integer> two = new NodeAsync<>(new Node<>(2));
    assertTrue(two.isBefore(new Node<>(3)).join());
    assertArrayEquals(new int[] {3, 2, 1}, NodeAsync.reversed(new int[] {1, 2, 3}).join());
    assertEquals(List.of("x", "y"), NodeAsync.listOf("x", "y").join());
    assertEquals("a-b-c", NodeAsync.joined("-", "a", "b", "c").join());
    assertEquals(3.5, NodeAsync.total(List.of(1, 2.5)).join());
  }

  @Test
  void everyPrimitiveTypeInAndOut() {
    assertEquals(false, PrimitivesAsync.not(true).join());
    assertEquals((byte) 8, PrimitivesAsync.nextByte((byte) 7).join());
    assertEquals((short) 8, PrimitivesAsync.nextShort((short) 7).join());
    assertEquals('b', PrimitivesAsync.nextChar('a').join());
    assertEquals(8L, PrimitivesAsync.nextLong(7L).join());
    assertEquals(1.5f, PrimitivesAsync.half(3f).join());
    assertEquals(6.0, PrimitivesAsync.twice(3.0).join());
    assertEquals(List.of(true, false), PrimitivesAsync.notAll(List.of(false, true)).join());
  }

  @Test
  void overloadsResolveAsInTheOriginal() throws Exception {
    assertEquals("int 9", PrimitivesAsync.square(3).join());
    assertEquals("Integer 9", PrimitivesAsync.square(Integer.valueOf(3)).join());
    assertEquals("long 9", PrimitivesAsync.square(3L).join());
    // One-parameter overloads would have gather helpers of one erasure: none is generated.
    assertFalse(
        Arrays.stream(PrimitivesAsync.class.getMethods())
            .anyMatch(method -> method.getName().equals("squareAll")));
  }

  @Test
  void interfaceTwinWrapsAnyImplementation() {
    GreeterAsync greeter = new GreeterAsync(name -> "hi " + name);
    assertEquals("hi bo", greeter.greet("bo").join());
    assertEquals("HI BO", greeter.shout("bo").join());
    assertEquals("hi bo", greeter.later("bo").join());
    Number length = greeter.length("bo").join();
    assertEquals(5, length);
    assertEquals("Hello, ann", GreeterAsync.polite().join().greet("ann"));
  }

  @Test
  void abstractClassRunsTheSubclassMethod() {
    ShapeAsync square = new ShapeAsync(new Square(3));
    assertEquals(9.0, square.area().join());
    assertEquals("Square of area 9.0", square.describe().join());
  }

  @Test
  void enumTwinRunsItsOwnMethodsOnly() {
    double gravity = new PlanetAsync(Planet.EARTH).surfaceGravity().join();
    assertEquals(9.8, gravity, 0.1);
    assertFalse(hasMethod(PlanetAsync.class, "values"));
    assertFalse(hasMethod(PlanetAsync.class, "valueOf"));
  }

  @Test
  void recordTwinRunsDeclaredMethodsButNotAccessorsOrObjectMethods() {
    PointAsync origin = new PointAsync(new Point(0, 0));
    assertEquals(5.0, origin.distanceTo(new Point(3, 4)).join());
    assertFalse(hasMethod(PointAsync.class, "x"), "accessors are not work to run elsewhere");
    assertEquals(
        Object.class,
        methodNamed(PointAsync.class, "toString").getDeclaringClass(),
        "toString() must stay Object's");
  }

  @Test
  void nestedAndInnerTypes() {
    assertEquals("nested hello x", new Outer_NestedAsync(new Outer.Nested()).hello("x").join());
    Outer outer = new Outer("outer-1");
    assertEquals("outer-1", new Outer_InnerAsync(outer.new Inner()).owner().join());
    Outer.Box<String> box = new Outer.Box<>("gift");
    Outer_Box_OpenerAsync<String> opener = new Outer_Box_OpenerAsync<>(box.new Opener());
    assertEquals("gift", opener.open().join());
  }

  @Test
  void checkedAndGenericExceptionsArriveAsThemselves() {
    RiskyAsync risky = new RiskyAsync(new Risky());
    CompletionException read = assertThrows(CompletionException.class, risky.read("x")::join);
    assertInstanceOf(IOException.class, read.getCause());

    IOException planted = new IOException("planted");
    CompletionException failed =
        assertThrows(CompletionException.class, risky.<IOException>fail(() -> planted)::join);
    assertSame(planted, failed.getCause());

    StackOverflowError error = new StackOverflowError("planted error");
    CompletableFuture<String> thrown = risky.failWithThrowable(() -> error);
    CompletionException wrapped = assertThrows(CompletionException.class, thrown::join);
    assertSame(error, wrapped.getCause());
  }

  @Test
  void parameterNamesThatCollideWithTheTwinsOwn() {
    RiskyAsync risky = new RiskyAsync(new Risky());
    assertEquals("t/true/e/r/3", risky.names("t", Runnable::run, "e", "r", 3).join());
    assertEquals("abc", risky.AsyncRuntime("a", "b", "c").join());
  }

  @Test
  void methodNamedLikeAnotherMethodsGatherHelper() {
    RiskyAsync risky = new RiskyAsync(new Risky());
    assertEquals("fetched 3", risky.fetchAll(3).join());
    assertEquals(List.of("fetched a", "fetched b"), risky.fetchAll(List.of("a", "b")).join());
  }

  @Test
  @SuppressWarnings({"rawtypes", "deprecation"})
  void rawAndDeprecatedSignaturesAreRepeated() throws Exception {
    RiskyAsync risky = new RiskyAsync(new Risky());
    List raw = List.of(1, 2);
    assertEquals(2, risky.size(raw).join());
    assertEquals("old", risky.old().join());
    assertTrue(methodNamed(RiskyAsync.class, "old").isAnnotationPresent(Deprecated.class));
  }

  @Test
  void nullabilityAnnotationIsKeptOnTheTwinParameter() throws Exception {
    RiskyAsync risky = new RiskyAsync(new Risky());
    assertEquals("nothing", risky.maybe(null).join());
    Method maybe = RiskyAsync.class.getMethod("maybe", String.class);
    assertTrue(maybe.getParameters()[0].isAnnotationPresent(Nullable.class));
  }

  @Test
  void typesNamedLikeJdkTypes() {
    assertEquals(
        List.of("first"),
        new dev.asyncdsl.it.util.ListAsync(new dev.asyncdsl.it.util.List()).items("first").join());
    assertEquals(
        "executed ls",
        new dev.asyncdsl.it.util.ExecutorAsync(new dev.asyncdsl.it.util.Executor())
            .execute("ls")
            .join());
    assertEquals("made", dev.asyncdsl.it.util.CompletableFutureAsync.make("made").join().name());
  }

  private static boolean hasMethod(Class<?> type, String name) {
    return Arrays.stream(type.getDeclaredMethods())
        .anyMatch(method -> method.getName().equals(name));
  }

  private static Method methodNamed(Class<?> type, String name) {
    return Arrays.stream(type.getMethods())
        .filter(method -> method.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}

package dev.asyncdsl.it.shapes;

import dev.asyncdsl.Async;

/** Every primitive type, in and out; overloads that differ only in primitive against boxed. */
@Async
public final class Primitives {
  private Primitives() {}

  public static boolean not(boolean value) {
    return !value;
  }

  public static byte nextByte(byte value) {
    return (byte) (value + 1);
  }

  public static short nextShort(short value) {
    return (short) (value + 1);
  }

  public static char nextChar(char value) {
    return (char) (value + 1);
  }

  public static long nextLong(long value) {
    return value + 1;
  }

  public static float half(float value) {
    return value / 2;
  }

  public static double twice(double value) {
    return value * 2;
  }

  public static String square(int value) {
    return "int " + value * value;
  }

  public static String square(Integer value) {
    return "Integer " + value * value;
  }

  public static String square(long value) {
    return "long " + value * value;
  }
}

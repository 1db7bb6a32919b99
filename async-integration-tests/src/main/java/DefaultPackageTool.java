import dev.asyncdsl.Async;

/** A type in the unnamed package. */
public class DefaultPackageTool {
  @Async
  public static String tool(String name) {
    return "tool " + name;
  }
}

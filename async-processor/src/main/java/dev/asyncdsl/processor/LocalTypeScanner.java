package dev.asyncdsl.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.asyncdsl.processor.diagnostic.Message;
import dev.asyncdsl.processor.element.RuntimeNames;

/**
 * Finds {@code @Async} and {@code @Durable} in local and anonymous classes. The compiler does not
 * hand those to processors ({@code RoundEnvironment} holds only types with a name outside any
 * method), so the only way to report them is to read the source tree.
 *
 * <p>The tree is not attributed yet, so names are matched by spelling: {@code Async} counts when it
 * is written {@code dev.asyncdsl.Async}, or imported from {@code dev.asyncdsl}, or the file is in
 * that package.
 */
final class LocalTypeScanner extends TreeScanner<Void, Void> {
  private final Trees trees;
  private final CompilationUnitTree unit;
  private final boolean simpleNameMeansOurs;
  private final boolean durableMeansOurs;

  /** How many method bodies, initialisers or lambdas enclose the current tree. */
  private int codeDepth;

  /** Whether the class being visited is local or anonymous, or inside one. */
  private boolean inUnnamedClass;

  private boolean inAnonymousClass;

  private LocalTypeScanner(Trees trees, CompilationUnitTree unit) {
    this.trees = trees;
    this.unit = unit;
    this.simpleNameMeansOurs = imports(unit, RuntimeNames.ASYNC);
    this.durableMeansOurs = imports(unit, RuntimeNames.DURABLE);
  }

  static void scan(Trees trees, CompilationUnitTree unit) {
    new LocalTypeScanner(trees, unit).scan(unit, null);
  }

  /** Whether the simple name of {@code annotation} means it in {@code unit}. */
  private static boolean imports(CompilationUnitTree unit, String annotation) {
    if (unit.getPackageName() != null
        && unit.getPackageName().toString().equals(RuntimeNames.PACKAGE)) {
      return true;
    }
    for (ImportTree anImport : unit.getImports()) {
      String name = anImport.getQualifiedIdentifier().toString();
      if (!anImport.isStatic()
          && (name.equals(annotation) || name.equals(RuntimeNames.PACKAGE + ".*"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    boolean outerUnnamed = inUnnamedClass;
    boolean outerAnonymous = inAnonymousClass;
    int outerDepth = codeDepth;
    if (codeDepth > 0) {
      inUnnamedClass = true;
      inAnonymousClass = tree.getSimpleName().length() == 0;
      if (isAsync(tree.getModifiers())) {
        report(tree);
      }
    }
    codeDepth = 0;
    try {
      return super.visitClass(tree, unused);
    } finally {
      codeDepth = outerDepth;
      inUnnamedClass = outerUnnamed;
      inAnonymousClass = outerAnonymous;
    }
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    // The body of an anonymous class is a class declared where the expression stands.
    if (tree.getClassBody() != null) {
      codeDepth++;
      try {
        return super.visitNewClass(tree, unused);
      } finally {
        codeDepth--;
      }
    }
    return super.visitNewClass(tree, unused);
  }

  @Override
  public Void visitMethod(MethodTree tree, Void unused) {
    if (inUnnamedClass && isAsync(tree.getModifiers())) {
      report(tree);
    }
    if (inUnnamedClass && isDurable(tree.getModifiers())) {
      Message message = Message.DURABLE_IN_UNNAMED_TYPE;
      trees.printMessage(
          message.kind(),
          message.format(inAnonymousClass ? "an anonymous class" : "a local class"),
          tree,
          unit);
    }
    return super.visitMethod(tree, unused);
  }

  @Override
  public Void visitBlock(BlockTree tree, Void unused) {
    codeDepth++;
    try {
      return super.visitBlock(tree, unused);
    } finally {
      codeDepth--;
    }
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
    codeDepth++;
    try {
      return super.visitLambdaExpression(tree, unused);
    } finally {
      codeDepth--;
    }
  }

  private boolean isAsync(ModifiersTree modifiers) {
    for (AnnotationTree annotation : modifiers.getAnnotations()) {
      String name = annotation.getAnnotationType().toString();
      if (name.equals(RuntimeNames.ASYNC) || (simpleNameMeansOurs && name.equals("Async"))) {
        return true;
      }
    }
    return false;
  }

  private boolean isDurable(ModifiersTree modifiers) {
    for (AnnotationTree annotation : modifiers.getAnnotations()) {
      String name = annotation.getAnnotationType().toString();
      if (name.equals(RuntimeNames.DURABLE) || (durableMeansOurs && name.equals("Durable"))) {
        return true;
      }
    }
    return false;
  }

  private void report(Tree tree) {
    Message message =
        inAnonymousClass ? Message.ASYNC_IN_ANONYMOUS_TYPE : Message.ASYNC_IN_LOCAL_TYPE;
    trees.printMessage(message.kind(), message.format(), tree, unit);
  }
}

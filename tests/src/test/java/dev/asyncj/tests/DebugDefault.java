package dev.asyncj.tests;

import dev.asyncj.EventLoop;

/** Prints whether a new loop starts in debug mode; run in a child JVM by DebugModeTest. */
final class DebugDefault {
  private DebugDefault() {}

  public static void main(String[] args) {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      System.out.println("debug=" + loop.getDebug());
    }
  }
}

package dev.asyncj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values printed as Python prints them. */
class PyTest {
  @Test
  void noneAndBooleans() {
    assertEquals("None", Py.str(null));
    assertEquals("True", Py.str(true));
    assertEquals("False", Py.str(false));
  }

  @Test
  void stringsArePlainAloneAndQuotedInAList() {
    assertEquals("任务A", Py.str("任务A"));
    assertEquals("['任务A', 'it\\'s', None, 3]", Py.str(Arrays.asList("任务A", "it's", null, 3)));
  }

  @Test
  void anExceptionLooksLikeItsConstructorCall() {
    assertEquals(
        "[IllegalArgumentException('任务B 失败'), IllegalStateException()]",
        Py.str(List.of(new IllegalArgumentException("任务B 失败"), new IllegalStateException())));
  }
}

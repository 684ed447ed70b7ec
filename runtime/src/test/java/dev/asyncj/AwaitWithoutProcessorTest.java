package dev.asyncj;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * This module is compiled without the asyncj processor, as a user's code is when the processor is
 * missing from the annotation processor path: Await.of must then fail at once, saying how to fix it
 * (ea-async fell back to a blocking join that could deadlock).
 */
class AwaitWithoutProcessorTest {
  @Test
  void awaitOfTellsHowToAddTheProcessor() {
    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> Await.of(Asyncio.sleep(1)));
    String message = error.getMessage();
    assertTrue(message.startsWith("Await.of was called at dev.asyncj.AwaitWithoutProcessorTest"), message);
    assertTrue(message.contains("-processorpath asyncj-processor.jar"), message);
    assertTrue(message.contains("annotationProcessorPaths"), message);
    assertTrue(message.contains("annotationProcessor configuration"), message);
  }
}

/**
 * The {@code obs-maven-plugin} goals: {@code weave} rewrites the compiled classes so that methods
 * annotated {@link dev.obs.annotation.Traced @Traced} or {@link dev.obs.annotation.Timed @Timed} report
 * to obs, with no Java agent and no proxy; {@code weave-tests} does the same for test classes.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.obs</groupId>
 *   <artifactId>obs-maven-plugin</artifactId>
 *   <version>${obs.version}</version>
 *   <executions><execution><goals><goal>weave</goal></goals></execution></executions>
 * </plugin>
 * }</pre>
 *
 * <p>{@link dev.obs.maven.ObsWeavingPlugin} is the same weaving as a Byte Buddy build plugin, for
 * builds (such as Gradle's) that run Byte Buddy's own build plugin instead.
 */
package dev.obs.maven;

/**
 * Small building blocks shared by the feature modules that neither Spring nor the JDK provides.
 */
@NullMarked
package org.progjar.chat.support;

import org.jspecify.annotations.NullMarked;

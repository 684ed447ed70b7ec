/**
 * Support for the code the asyncj processor generates. Public only because generated classes in
 * your packages use it; not API, and it may change in any release.
 */
package dev.asyncj.internal;

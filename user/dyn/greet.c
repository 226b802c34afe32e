/*
 * greet.c - a program linked against libgreet.so, which only
 * LD_LIBRARY_PATH finds: glibc's ld.so searches it before its default
 * directories, maps the library, binds greet (lazily, through the PLT),
 * and later dlopen maps another object (libm.so.6) at run time.
 */
#include <dlfcn.h>
#include <stdio.h>

int greet(const char *who);

int main(void)
{
	greet("tern");
	greet("again");
	void *m = dlopen("libm.so.6", RTLD_NOW);
	double (*sq)(double) = m ? (double (*)(double))dlsym(m, "sqrt") : NULL;
	printf("dlopen libm.so.6: %s, sqrt(2) = %.6f\n", m ? "yes" : dlerror(), sq ? sq(2.0) : 0.0);
	return m ? 0 : 1;
}

/* version.h — the logonshim version, shared by the headers, the library and
 * the packages. */
#ifndef LOGONSHIM_VERSION_H
#define LOGONSHIM_VERSION_H

#define LGS_VERSION_MAJOR 0
#define LGS_VERSION_MINOR 1
#define LGS_VERSION_PATCH 0
#define LGS_VERSION_STRING "0.1.0"

#endif

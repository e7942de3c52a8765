/* Convenience forms of invocations (seL4's virtual_client.h). */
#pragma once

#include <interfaces/sel4_client.h>

#ifdef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC seL4_Error seL4_SchedControl_Configure(seL4_SchedControl _service,
                                                           seL4_SchedContext schedcontext,
                                                           seL4_Time budget, seL4_Time period,
                                                           seL4_Word extra_refills,
                                                           seL4_Word badge)
{
    return seL4_SchedControl_ConfigureFlags(_service, schedcontext, budget, period,
                                            extra_refills, badge, 0);
}
#endif

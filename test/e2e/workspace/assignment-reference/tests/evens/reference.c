#include <stdio.h>

/* The instructor's solution. */
int main(void)
{
    int count, value, k, even = 0;
    scanf("%d", &count);
    for (k = 0; k < count; k++) {
        scanf("%d", &value);
        if (value % 2 == 0) {
            even++;
        }
    }
    printf("%d\n", even);
    return 0;
}

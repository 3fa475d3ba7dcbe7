/*
 * list.c - intrusive circular doubly linked lists with a sentinel.
 *
 * Invariant: a node is in at most one list and n->list names it (NULL when
 * unlinked); l->count equals the number of nodes between the sentinel's
 * links. The functions do no locking: callers hold the core's mask.
 */
#include "os_internal.h"

/* This file's name, once, for its asserts (OS_ASSERT_FILE, os.h). */
static const char this_file[] = __FILE__;
#undef OS_ASSERT_FILE
#define OS_ASSERT_FILE this_file

OS_COLD void os_list_init(struct os_list *l)
{
    l->sentinel.next = &l->sentinel;
    l->sentinel.prev = &l->sentinel;
    l->sentinel.list = l;
    l->sentinel.owner = NULL;
    l->sentinel.key = 0;
    l->count = 0;
}

OS_COLD void os_list_node_init(struct os_list_node *n, struct os_task *owner)
{
    n->next = NULL;
    n->prev = NULL;
    n->list = NULL;
    n->owner = owner;
    n->key = 0;
}

/* Link n between prev and its successor. */
static void insert_after(struct os_list *l, struct os_list_node *prev, struct os_list_node *n)
{
    OS_ASSERT(n->list == NULL);
    n->prev = prev;
    n->next = prev->next;
    prev->next->prev = n;
    prev->next = n;
    n->list = l;
    l->count++;
}

void os_list_append(struct os_list *l, struct os_list_node *n)
{
    insert_after(l, l->sentinel.prev, n);
}

void os_list_prepend(struct os_list *l, struct os_list_node *n)
{
    insert_after(l, &l->sentinel, n);
}

void os_list_insert_desc(struct os_list *l, struct os_list_node *n)
{
    /* Walk back from the tail past every node of lower key, so that n lands
     * after all nodes with key >= n->key: FIFO among equals. */
    struct os_list_node *p = l->sentinel.prev;
    while (p != &l->sentinel && p->key < n->key)
        p = p->prev;
    insert_after(l, p, n);
}

void os_list_insert_wrapped(struct os_list *l, struct os_list_node *n, uint32_t base)
{
    uint32_t rel = n->key - base;
    struct os_list_node *p = l->sentinel.prev;
    while (p != &l->sentinel && p->key - base > rel)
        p = p->prev;
    insert_after(l, p, n);
}

OS_COLD void os_list_remove(struct os_list_node *n)
{
    os_list_unlink(n);
}

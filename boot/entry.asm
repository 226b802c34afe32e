; entry.asm - the first instructions: multiboot2 header, boot paging, kmain.
;
; GRUB enters _start in 32-bit protected mode with paging off, eax holding
; the multiboot2 magic and ebx the physical address of the information block.
; The kernel is linked at 0xC0100000 but loaded at 1 MiB, so until paging is
; on every address used here is "symbol - KERNEL_VBASE".
;
; Boot paging maps the first 8 MiB twice: at 0 (identity, so the instruction
; after "mov cr0" still runs) and at 0xC0000000 (where the kernel is linked).
; PDE 1023 points at the directory itself (the recursive self-map, mm/layout.h).
; Once running high, the identity half is dropped, so NULL faults from then on.
; The high 8 MiB is only for the first steps of kmain: vmm_init (mm/kimage.c)
; cuts it down to the kernel image (text and rodata read-only) and the VGA
; text page before the frame allocator hands out any frame in it.
;
; Thread 0 (kmain) runs on boot_stack for good. The page below it,
; boot_stack_guard, is mapped here but unmapped by mm/kimage.c: from then on
; an overflow faults (and is reported as one) instead of running into the
; boot page tables, which used to sit right below the stack.

KERNEL_VBASE    equ 0xC0000000
BOOT_MAP_TABLES equ 2                 ; page tables for the first 8 MiB
PTE_PRESENT     equ 1 << 0
PTE_WRITABLE    equ 1 << 1
CR0_WP          equ 1 << 16           ; ring 0 honours read-only pages too
CR0_PG          equ 1 << 31
KERNEL_PDE      equ KERNEL_VBASE >> 22
SELF_PDE        equ 1023
BOOT_STACK_SIZE equ 16384

%include "boot/mb2_header.inc"

section .multiboot2
MB2_HEADER

section .bss
align 4096
global boot_page_directory
boot_page_directory: resb 4096
boot_page_tables:    resb 4096 * BOOT_MAP_TABLES
global boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:    resb 4096         ; unmapped by mm/kimage.c
boot_stack_bottom:   resb BOOT_STACK_SIZE
boot_stack_top:

section .data
; The TSC when GRUB handed over: the start of boot_to_prompt (bench/,
; docs/benchmarks.md), logged by kmain.
global boot_entry_tsc
boot_entry_tsc: dd 0, 0

section .text.entry
global _start
extern kmain
_start:
	cli
	mov esi, eax                      ; keep the magic; ebx is left alone
	rdtsc                             ; first: the kernel's entry time
	mov [boot_entry_tsc - KERNEL_VBASE], eax
	mov [boot_entry_tsc - KERNEL_VBASE + 4], edx

	; Fill the boot page tables: entry i maps physical i*4096.
	mov edi, boot_page_tables - KERNEL_VBASE
	mov eax, PTE_PRESENT | PTE_WRITABLE
	mov ecx, 1024 * BOOT_MAP_TABLES
.fill:
	mov [edi], eax
	add eax, 4096
	add edi, 4
	loop .fill

	; Install them at PDE 0.. (identity) and PDE 768.. (higher half).
	mov edi, boot_page_directory - KERNEL_VBASE
	mov eax, (boot_page_tables - KERNEL_VBASE) + (PTE_PRESENT | PTE_WRITABLE)
	xor ecx, ecx
.install:
	mov [edi + ecx * 4], eax
	mov [edi + (KERNEL_PDE + ecx) * 4], eax
	add eax, 4096
	inc ecx
	cmp ecx, BOOT_MAP_TABLES
	jne .install

	; Recursive self-map.
	mov eax, (boot_page_directory - KERNEL_VBASE) + (PTE_PRESENT | PTE_WRITABLE)
	mov [edi + SELF_PDE * 4], eax

	mov cr3, edi
	mov eax, cr0
	or eax, CR0_PG | CR0_WP
	mov cr0, eax
	lea eax, [.high]
	jmp eax                           ; absolute jump into the higher half

.high:
	; Drop the identity half: from here on only 0xC0000000+ is the kernel.
	xor ecx, ecx
.drop:
	mov dword [boot_page_directory + ecx * 4], 0
	inc ecx
	cmp ecx, BOOT_MAP_TABLES
	jne .drop
	mov eax, cr3
	mov cr3, eax                      ; flush the identity entries

	mov esp, boot_stack_top
	xor eax, eax
	push eax                          ; a zero return address and frame
	mov ebp, eax                      ; pointer end the backtrace here
	push ebx                          ; physical address of the info block
	push esi                          ; magic
	call kmain
.halt:
	cli
	hlt
	jmp .halt

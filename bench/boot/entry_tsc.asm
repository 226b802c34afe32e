; entry_tsc.asm - a multiboot2 kernel that only prints the TSC at its first
; instruction on COM1 ("LOADER_TSC=<16 hex digits>") and ends QEMU through
; isa-debug-exit. bench/boot_to_prompt.py boots it from the same GRUB ISO
; as the kernel it stands for, with that kernel's files loaded as modules:
; its entry TSC is the loader's share of the boot (BIOS, GRUB, reading the
; files), the same for a kernel that gets control from GRUB directly
; (tern) or through its own boot path (Linux's bzImage).
bits 32

%include "boot/mb2_header.inc"

COM1          equ 0x3f8
COM1_LSR      equ COM1 + 5
LSR_THR_EMPTY equ 0x20
DEBUG_EXIT    equ 0xf4

section .text
MB2_HEADER

global _start
_start:
	rdtsc
	mov esi, eax                      ; low half
	mov edi, edx                      ; high half
	mov ebx, label
.label:
	mov al, [ebx]
	test al, al
	jz .digits
	call putc
	inc ebx
	jmp .label
.digits:
	mov eax, edi
	call hex32
	mov eax, esi
	call hex32
	mov al, 13
	call putc
	mov al, 10
	call putc
	xor eax, eax
	mov dx, DEBUG_EXIT
	out dx, al
.halt:
	cli
	hlt
	jmp .halt

; eax: eight hex digits, most significant first.
hex32:
	mov ecx, 8
.next:
	rol eax, 4
	push eax
	and al, 0xf
	add al, '0'
	cmp al, '9'
	jbe .out
	add al, 'a' - '0' - 10
.out:
	call putc
	pop eax
	loop .next
	ret

; al: one character to COM1 once the transmitter is free.
putc:
	push eax
	mov dx, COM1_LSR
.wait:
	in al, dx
	test al, LSR_THR_EMPTY
	jz .wait
	pop eax
	mov dx, COM1
	out dx, al
	ret

label: db "LOADER_TSC=", 0
